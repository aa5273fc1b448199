package dev.agentruntime.worker.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery a sender has claimed for one attempt, with what the attempt needs: the webhook's URL
 * and sealed secrets (the previous one only while its overlap lasts), the tenant's wrapped data key
 * and the event it reports: a run's, or a schedule's.
 *
 * @param attempt this attempt's number, from 1
 * @param previousSealedSecret the secret before the last rotation while it is still valid, or null
 * @param runId the run of a run event; null for a schedule's
 * @param seq the event's seq in its run's or its schedule's timeline
 * @param eventType the event's type in its timeline (a run event's own name, see WebhookEventTypes)
 * @param agentName the run's agent; null for a schedule's event
 * @param scheduleId the schedule of a schedule event; null for a run's
 */
public record ClaimedDelivery(
    UUID id,
    String messageId,
    String tenantId,
    UUID webhookId,
    String url,
    boolean webhookEnabled,
    String type,
    UUID runId,
    int seq,
    int attempt,
    String eventType,
    String payloadJson,
    Instant eventAt,
    String agentName,
    byte[] sealedSecret,
    byte[] previousSealedSecret,
    String masterKeyId,
    byte[] wrappedKey,
    UUID scheduleId) {}
