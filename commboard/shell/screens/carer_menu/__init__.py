"""The carer menu (Escape or F10), the quit confirmation and the layout picker.

* ``carer_menu`` -- the menu itself (``menu_entries``): resume, change layout, quit;
* ``button_screen`` -- a screen of big lettered buttons: the menu, sub-menus, confirmations;
* ``menu_paint`` -- drawing the button screens from a ``MenuView``;
* ``care_papers`` -- Papers for the care team: the report, an export, deleting old history;
* ``forget_words`` -- F: forget the words the board learned from the patient;
* ``pin_screen`` -- K: keep a recent message as a phrase on a page.
"""
