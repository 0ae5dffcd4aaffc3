"""The carer's *What was said* screen."""
