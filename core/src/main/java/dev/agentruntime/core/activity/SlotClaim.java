package dev.agentruntime.core.activity;

/**
 * What a run's claim of a concurrency slot answered.
 *
 * @param granted the run holds a slot (or needs none) and may begin
 * @param ownSlot the slot is the run's own, so its end frees one: false for a child run, which runs
 *     in its root's slot
 */
public record SlotClaim(boolean granted, boolean ownSlot) {}
