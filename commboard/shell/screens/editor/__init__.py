"""The page editor screen (carer menu -> E): edit the page on the board, save it."""
