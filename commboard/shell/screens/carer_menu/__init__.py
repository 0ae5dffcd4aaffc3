"""The carer menu (Escape or F10), the quit confirmation and the layout picker."""
