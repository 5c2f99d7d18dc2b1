"""The answer ids every model reserves: "not applicable" and "don't know".

Kept apart from :mod:`questionnaire.schema` so the cross-field checks
(:mod:`questionnaire.checks`), which the schema runs, need not import the schema back.
"""

NA = "na"
UNKNOWN = "unknown"
RESERVED_OPTION_IDS = (NA, UNKNOWN)
