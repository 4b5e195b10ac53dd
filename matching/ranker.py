"""The learned re-ranker: LightGBM lambdarank over the engine's per-clause features, trained with
cross-validation by ``manage.py train_ranker`` from judged sets and users' feedback.

When a model file is installed (``MODEL_PATH``, or ``settings.MATCHING_RANKER_PATH`` when set) the engine's
second stage orders candidates by the model's scores; without one — or without LightGBM — it uses the hand weights
(``matching.engine.hand_score``). The file is JSON: the feature names the model was trained on (a model trained
on other features is refused, never misapplied), how it was trained, its cross-validated nDCG next to the hand
weights', and LightGBM's own model text.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "ranker_model.json"

#: LightGBM settings: a small model (a few dozen shallow trees) that generalises from a few thousand judgements.
PARAMS: dict[str, Any] = {
    "objective": "lambdarank",
    "metric": "ndcg",
    "eval_at": [10],
    "learning_rate": 0.05,
    "num_leaves": 7,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "lambda_l2": 1.0,
    "verbosity": -1,
    "seed": 7,
    "deterministic": True,
    "num_threads": 1,
}
ROUNDS = 120


@dataclass
class Ranker:
    booster: Any
    features: tuple[str, ...]
    meta: dict[str, Any]

    def predict(self, rows: list[list[float]]) -> list[float]:
        import numpy

        return [float(score) for score in self.booster.predict(numpy.array(rows, dtype=float), num_threads=1)]


def model_path() -> Path:
    return Path(getattr(settings, "MATCHING_RANKER_PATH", "") or MODEL_PATH)


def save(path: Path, booster: Any, features: tuple[str, ...], meta: dict[str, Any]) -> None:
    payload = {"features": list(features), "meta": meta, "model": booster.model_to_string()}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


def load(path: Path) -> Ranker | None:
    """The ranker in ``path``, or None (with a warning) when it is missing, unreadable or for other features."""
    from matching.engine import FEATURES

    if not path.is_file():
        return None
    try:
        import lightgbm
    except ImportError:
        logger.warning("A ranker model is installed but LightGBM is not: using the hand weights.")
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        features = tuple(payload["features"])
        booster = lightgbm.Booster(model_str=payload["model"])
    except (OSError, ValueError, KeyError, lightgbm.basic.LightGBMError) as error:
        logger.warning("The ranker model %s cannot be read (%s): using the hand weights.", path, error)
        return None
    if features != FEATURES:
        logger.warning("The ranker model %s was trained on other features: using the hand weights.", path)
        return None
    return Ranker(booster=booster, features=features, meta=payload.get("meta", {}))


_lock = threading.Lock()
_loaded: dict[Path, tuple[float, Ranker | None]] = {}


def installed_ranker() -> Ranker | None:
    """The installed model (reloaded when its file changes), or None for the hand weights."""
    path = model_path()
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    cached = _loaded.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _lock:
        ranker = load(path)
        _loaded[path] = (stamp, ranker)
    return ranker
