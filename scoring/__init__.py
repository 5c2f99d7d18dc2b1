"""Pure scoring: `score(model, responses) -> Result`, `compare(earlier, later)` and
`start_here(result)` (the next steps ranked by what one move would change).

Nothing in this package does I/O, reads the clock or draws random numbers.
"""

from scoring.compare import Comparison, compare
from scoring.engine import score
from scoring.ranking import RankedStep, ranked_steps, start_here
from scoring.result import Result
from scoring.serialise import result_to_dict

__all__ = [
    "Comparison",
    "RankedStep",
    "Result",
    "compare",
    "ranked_steps",
    "result_to_dict",
    "score",
    "start_here",
]
