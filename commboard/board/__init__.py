"""The board: layouts (pages of cells), the message being built, and what cells do.

The session is where a press goes after the blink switch: it hands the press
to ``commboard.scanning``, performs the chosen cell and returns effects
(``Speak`` ...) for ``shell/performer``.

* ``model`` -- a layout is pages; a page is a grid of cells; a cell has an action;
* ``session`` -- the board's core state: layout, current page, page stack, message, scanner;
* ``session_saying`` -- a statement said and learned from, or held for a Yes / No first;
* ``session_undo`` -- undo: what an action changed is restored, and the patient is told;
* ``session_words`` -- a Spell page's word slots: refilled, and scanned by likelihood;
* ``message`` -- the message being built, and the editing operations cells perform on it;
* ``spelling`` -- the Spell page with prediction: the word slots and how likely each cell is;
* ``recent`` -- the "Recent" page: the messages the patient spelled most;
* ``pin_keeping`` -- a message chosen on the Keep page, held until its undo window is over;
* ``hold_rules`` -- how long a cell must be held to be chosen;
* ``colors`` -- cell colours the patient could take for the scan highlight;
* ``symbols`` -- the shipped symbol set (``symbols/<name>.svg``);
* layout files: ``layout_file`` (load, validate, report problems), ``layout_yaml``
  (node trees with line numbers), ``layout_pages`` and ``layout_cells`` (pages and
  cells from YAML nodes), ``layout_page_checks`` (checks across pages),
  ``layout_warnings`` (what ``commboard validate`` warns of), ``layout_places``
  (where a carer's layouts are, for the layout picker).
"""
