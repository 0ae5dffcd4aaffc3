"""The test layouts: the smallest real boards, as YAML text."""

from __future__ import annotations

# The smallest real layout: one page, two cells. Tests that only need "a board" use it.
YES_NO_LAYOUT = """\
format: 1
name: Two words
home: home
pages:
  - id: home
    title: Home
    rows: 1
    columns: 2
    cells:
      - {label: "Yes"}
      - {label: "No"}
"""


# Two pages, a phrase with its own spoken text, navigation and the alarm: tests that
# follow a message from scanning to speech and history use it.
TWO_PAGE_LAYOUT = """\
format: 1
name: Two pages
home: home
pages:
  - id: home
    title: Home
    rows: 2
    columns: 2
    cells:
      - {label: "Yes"}
      - {label: "No"}
      - {label: "Thank you", text: "Thank you very much"}
      - {label: More, action: go, target: more}
  - id: more
    title: More
    rows: 1
    columns: 3
    cells:
      - {label: Back, action: back}
      - {label: Water, text: "I would like some water"}
      - {label: Help, action: alarm, text: "Please call the nurse"}
"""
