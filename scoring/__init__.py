"""Pure scoring: `score(model, responses) -> Result`, `compare(earlier, later)`,
`start_here(result)` (the next steps ranked by what one move would change) and
`aggregate(model, participants, agreed)` (a group assessment).

Nothing in this package does I/O, reads the clock or draws random numbers.
"""

from scoring.aggregate import Agreed, GroupResult, QuestionSpread, aggregate
from scoring.compare import Comparison, compare
from scoring.engine import score
from scoring.ranking import RankedStep, ranked_steps, start_here
from scoring.result import Result
from scoring.serialise import group_to_dict, result_to_dict

__all__ = [
    "Agreed",
    "Comparison",
    "GroupResult",
    "QuestionSpread",
    "RankedStep",
    "Result",
    "aggregate",
    "compare",
    "group_to_dict",
    "ranked_steps",
    "result_to_dict",
    "score",
    "start_here",
]
