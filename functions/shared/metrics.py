"""Business and dependency metrics, as CloudWatch Embedded Metric Format lines.

The domain, the LLM client and the store record facts here (`metrics.count(...)`); only
this module knows Powertools. Each fact is one EMF line on stdout, written at once
(Powertools' `single_metric`), so requests served together on one loop (the local
server) never mix their metrics and nothing has to be flushed at the end of a request.
The namespace is per stage (POWERTOOLS_METRICS_NAMESPACE, set by serverless.yml); every
metric has the `service` dimension, which the alarms in serverless.yml name.
"""

from __future__ import annotations

from aws_lambda_powertools.metrics import MetricUnit, single_metric
from aws_lambda_powertools.metrics.functions import is_metrics_disabled

from functions.shared.settings import get_settings

# Transfers moved to each status (the lifecycle's facts).
TRANSFERS_INITIATED = "TransfersInitiated"
TRANSFERS_ACCEPTED = "TransfersAccepted"
TRANSFERS_COMPLETED = "TransfersCompleted"
TRANSFERS_CANCELLED = "TransfersCancelled"
TRANSFERS_EXPIRED = "TransfersExpired"
TRANSFERS_ABANDONED = "TransfersAbandoned"
# Routing: offers made (one per agent offered), declined, run out; transfers overflowed.
OFFERS_MADE = "OffersMade"
OFFERS_DECLINED = "OffersDeclined"
OFFERS_TIMED_OUT = "OffersTimedOut"
PHONES_NOT_ANSWERED = "PhonesNotAnswered"
# Reads of transcripts and briefings by services (people's reads are audit records).
SERVICE_READS = "ServiceReads"
CALLS_ERASED = "CallsErased"  # busy, rang out or failed (LiveKit SIP)
TRANSFERS_OVERFLOWED = "TransfersOverflowed"
# Callers transferred out to a queue's fallback number (LiveKit SIP).
TRANSFERS_OUT = "TransfersTransferredOut"
# From initiation to acceptance, per accepted transfer.
TIME_TO_ACCEPT = "TimeToAccept"
# KPIs per `queue` (the stream consumer, once per change; `all` for every transfer):
# transfers that entered, were answered (accepted, or ended never accepted), accepted within
# the service level, abandoned. The alarms divide them (service level, abandonment).
KPI_ENTERED = "KpiEntered"
KPI_ANSWERED_OR_NOT = "KpiAnsweredOrNot"
KPI_IN_SERVICE_LEVEL = "KpiInServiceLevel"
KPI_ABANDONED = "KpiAbandoned"
# Every briefing, by `provider` (groq | offline), and the fallbacks by `reason`.
BRIEFINGS = "Briefings"
BRIEFING_FALLBACKS = "BriefingFallbacks"
# Each Groq request, all of its attempts, successful or not.
GROQ_LATENCY = "GroqLatency"
# A store call that failed after the client's retries (answered 503).
STORE_UNAVAILABLE = "StoreUnavailable"


def _emit(name: str, unit: MetricUnit, value: float, dimensions: dict[str, str]) -> None:
    # single_metric prints even when POWERTOOLS_METRICS_DISABLED is set (the local server
    # sets it: EMF lines bury its console); Powertools' own rule decides here.
    if is_metrics_disabled():
        return
    settings = get_settings()
    with single_metric(
        name=name,
        unit=unit,
        value=value,
        namespace=settings.metrics_namespace,
        default_dimensions={"service": settings.service_name, **dimensions},
    ):
        pass


def count(name: str, value: int = 1, **dimensions: str) -> None:
    """Count a fact (`dimensions` split it, e.g. reason="timeout")."""
    _emit(name, MetricUnit.Count, value, dimensions)


def milliseconds(name: str, value: float, **dimensions: str) -> None:
    """Record a duration."""
    _emit(name, MetricUnit.Milliseconds, round(value, 1), dimensions)
