package dev.agentruntime.core.activity;

/**
 * A tool call the model asked for. The arguments stay in the transcript; the workflow only routes.
 *
 * @param index position of the call within its model step, used in object keys and event keys
 * @param id the model's id of the call
 * @param name the tool's name
 */
public record ToolCallRef(int index, String id, String name) {}
