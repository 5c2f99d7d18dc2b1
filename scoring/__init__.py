"""Pure scoring: `score(model, responses) -> Result` and `compare(earlier, later)`.

Nothing in this package does I/O, reads the clock or draws random numbers.
"""

from scoring.compare import Comparison, compare
from scoring.engine import score
from scoring.result import Result
from scoring.serialise import result_to_dict

__all__ = ["Comparison", "Result", "compare", "result_to_dict", "score"]
