"""Language helpers shared by the stages: facts in text (numbers, dates, names) and planted instructions."""
