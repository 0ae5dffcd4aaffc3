"""Scanning: which cell a switch press chooses (pure: presses and ``now`` in, ``Activate`` out).

``board.session`` hands each press to the engine; the engine's ``Activate``
goes back to the session, which performs the cell:

* ``engine`` -- the scanning engine: one state machine that walks any scan plan in time;
* ``plans`` -- scan plans: which groups of cells are highlighted, in which order;
* ``huffman`` -- Huffman scanning: the scan tree with fewest steps for a usage distribution;
* ``presses`` -- presses from down to up: which switches are held, the press being decided;
* ``press_rules`` -- what a press is for, how long it must be held, and the undo window;
* ``scan_timing`` -- where the scanner is and how long its steps last: phases, levels, times;
* ``scan_cues`` -- what the scanner says and shows beside the highlight: audio cues, "Hold longer".
"""
