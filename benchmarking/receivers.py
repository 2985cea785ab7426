"""Benchmarking's answers to what other areas announce (connected in BenchmarkingConfig.ready)."""

from __future__ import annotations

from benchmarking.services import peer_statistics_request_recompute


def peer_statistics_after_decision(*, assessment, user, **kwargs) -> None:
    """A decided assessment joins the peer statistics: ask for a recomputation (one run at a time, on commit)."""
    peer_statistics_request_recompute(user=user)
