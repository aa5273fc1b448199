package dev.agentruntime.worker.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery a sender has claimed for one attempt, with what the attempt needs: the webhook's URL
 * and sealed secrets (the previous one only while its overlap lasts), the tenant's wrapped data key
 * and the run event it reports.
 *
 * @param attempt this attempt's number, from 1
 * @param previousSealedSecret the secret before the last rotation while it is still valid, or null
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
    String runEventType,
    String payloadJson,
    Instant eventAt,
    String agentName,
    byte[] sealedSecret,
    byte[] previousSealedSecret,
    String masterKeyId,
    byte[] wrappedKey) {}
