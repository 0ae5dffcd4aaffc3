"""The page editor screen (carer menu -> E): edit the page on the board, save it.

Its rules are in ``commboard.control`` (``page_editor`` and the ``page_*`` modules).

* ``editor_screen`` -- the screen: edits the page on the board, Save writes it;
* ``editor_paint`` -- drawing an ``EditorView``: the page's grid, the cell beside it;
* ``key_names`` -- the pygame keys passed to the rules by name;
* ``page_id_entry`` -- the page's new id, typed on the lettered typed-line screen;
* ``picture_picker_screen`` -- the picture picker (key I): a grid of big tiles.
"""
