"""The therapist's settings screen: editing a profile, with a live try-out of the scan settings."""
