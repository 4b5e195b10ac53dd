"""The learned re-ranker: a model trained by ``manage.py train_ranker`` replaces the hand weights when installed.

Placeholder until the training pipeline lands: no model, so the engine uses its hand weights.
"""

from __future__ import annotations


def installed_ranker():
    return None
