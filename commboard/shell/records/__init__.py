"""Files the board writes as it runs: the JSON-lines event log and the patient's history."""
