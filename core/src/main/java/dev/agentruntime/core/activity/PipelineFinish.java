package dev.agentruntime.core.activity;

/**
 * The pipeline's output, written as the answer of its final transcript; or why it could not be
 * built ({@code error}, nothing written).
 */
public record PipelineFinish(String transcriptKey, String transcriptSha256, String error) {}
