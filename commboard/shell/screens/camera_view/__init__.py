"""The carer's camera view: the live picture (kept in memory only) with eye outlines and readings."""
