package dev.agentruntime.worker.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tool call an agent asks the kernel to make. */
public record AgentToolCall(String id, String name, ObjectNode arguments) {}
