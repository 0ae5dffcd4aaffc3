"""The therapist's settings screen: editing a profile, with a live try-out of the scan settings.

* ``settings_screen`` -- the screen (carer menu > Settings); its rules are
  ``control.settings_editing``;
* ``settings_paint`` -- painting it from its ``SettingsView``.
"""
