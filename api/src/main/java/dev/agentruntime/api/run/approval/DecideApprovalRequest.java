package dev.agentruntime.api.run.approval;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.CodePointLength;

/** A person's decision on a pending approval. */
@Schema(name = "DecideApprovalRequest")
public record DecideApprovalRequest(
    @Schema(
            required = true,
            enumeration = {"approve", "deny"})
        @NotNull
        @Pattern(regexp = "approve|deny", message = "must be approve or deny")
        String decision,
    @Schema(
            required = true,
            description = "SHA-256 of the arguments you decided on, as the approval shows it",
            pattern = "^[0-9a-f]{64}$")
        @NotNull
        @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lowercase hex digits")
        String argumentsSha256,
    @Schema(maxLength = 1000, description = "Recorded with the decision")
        @CodePointLength(max = 1000)
        String comment) {}
