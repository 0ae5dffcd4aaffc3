"""The patient's board: painting its render model, the eye indicator, and pictures of it.

* ``render`` -- paints a ``BoardView`` (the patient's board);
* ``status_line`` -- the page title, a rule, and the status fitted in one line or more;
* ``banners`` -- banners and the alarm screen, which must not look like a cell;
* ``pictures`` -- cell pictures read once, scaled to each cell, cached;
* ``eye_indicator`` -- the face/eye indicator, with the ring that fills during a hold;
* ``halving_arrows`` -- halving's side arrows, filled as a look is held;
* ``label_check`` -- labels that cannot be read at a reference screen size;
* ``screenshot`` -- ``commboard screenshot`` and a running board's ``--screenshots``.
"""
