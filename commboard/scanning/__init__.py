"""Scanning: which cell a switch press chooses (pure: presses and ``now`` in, ``Activate`` out).

``board.session`` hands each press to the engine; the engine's ``Activate``
goes back to the session, which performs the cell:

* ``engine`` -- the scanning engine: one state machine that walks any ``ScanPlan`` in time;
* ``plans`` -- scan plans: which groups of cells are highlighted, in which order;
* ``huffman`` -- Huffman scanning: the scan tree with the fewest steps for a usage distribution;
* ``presses`` -- switch presses from down to up: which switches are held, the press being decided;
* ``press_rules`` -- what a press is for, how long it must be held, and the undo window;
* ``scan_timing`` -- where the scanner is and how long its steps last: time constants, phases, levels;
* ``scan_cues`` -- what the scanner says and shows besides the highlight: auditory cues, "Hold longer".
"""
