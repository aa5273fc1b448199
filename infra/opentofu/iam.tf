# The services' roles are in modules/service (an execution and a task role per service). What each
# application may do in AWS is decided here: the policy of its task role, given to the module as
# task_role_policy (ecs.tf).

# The API's one AWS API is KMS, on the deployment's key: it wraps tenants' data keys (Encrypt) and
# unwraps them to seal a secret or re-wrap at start-up (Decrypt).
data "aws_iam_policy_document" "api_task" {
  statement {
    sid       = "WrapTenantDataKeys"
    actions   = ["kms:Encrypt", "kms:Decrypt"]
    resources = [aws_kms_key.this.arn]
    # Only for tenant data keys: the API binds each to its tenant in the encryption context
    # (docs/security.md#secrets), so the key cannot be used through this role without one.
    condition {
      test     = "Null"
      variable = "kms:EncryptionContext:agent-runtime:tenant"
      values   = ["false"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:agent-runtime:purpose"
      values   = ["tenant-data-key"]
    }
  }
  # Artifacts' content and a run's output (GET /v1/runs/{runId}/artifacts/{name}/content): the API
  # reads objects by the key of an artifact row; it writes none.
  statement {
    sid       = "ReadArtifacts"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }
  # The retention purge and tenant deletion (docs/operations.md#retention): they list a run's or a
  # tenant's prefix and delete what is under it, only under tenants/.
  statement {
    sid       = "ListRunData"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.artifacts.arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["tenants/*"]
    }
  }
  statement {
    sid       = "DeleteRunData"
    actions   = ["s3:DeleteObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/tenants/*"]
  }
  # The bucket's objects are encrypted with the deployment's key (SSE-KMS): reading one decrypts.
  statement {
    sid       = "ArtifactDecryption"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "worker_task" {
  # HeadBucket (the worker checks the bucket exists at start-up) and listing need ListBucket.
  statement {
    sid       = "ListArtifactBucket"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.artifacts.arn]
  }
  # PutObject covers multipart uploads; AbortMultipartUpload lets a failed one clean up.
  statement {
    sid       = "ReadWriteArtifacts"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }
  # The worker only opens tenant secrets: Decrypt of tenant data keys, never Encrypt (as the API).
  statement {
    sid       = "UnwrapTenantDataKeys"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]
    condition {
      test     = "Null"
      variable = "kms:EncryptionContext:agent-runtime:tenant"
      values   = ["false"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:agent-runtime:purpose"
      values   = ["tenant-data-key"]
    }
  }
  # The bucket's objects are encrypted with the deployment's key (SSE-KMS).
  statement {
    sid       = "ArtifactEncryption"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.this.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }
  }
}
