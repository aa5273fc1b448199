# One execution role (what ECS does to start the task: pull the image, write logs, read secrets) and
# one task role (what the application itself may do) per service. Each names its own resources only.

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    # Only ECS on behalf of this account (confused-deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ecs:${var.region}:${local.account_id}:*"]
    }
  }
}

# --- execution roles --------------------------------------------------------------------------------

resource "aws_iam_role" "api_execution" {
  name               = "${var.name}-api-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role" "worker_execution" {
  name               = "${var.name}-worker-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "api_execution" {
  # AWS requires Resource "*" here: GetAuthorizationToken has no resource-level permissions
  # (https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html).
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    sid       = "PullOwnImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = [local.api_repository_arn]
  }
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.api.arn}:log-stream:*"]
  }
  statement {
    sid       = "ReadOwnSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = concat([local.db_password_secret_arn, aws_secretsmanager_secret.redis_url.arn], aws_secretsmanager_secret.previous_master_keys[*].arn, local.temporal_secret_arns)
  }
  statement {
    sid       = "DecryptSecretsThroughSecretsManager"
    actions   = ["kms:Decrypt"]
    resources = concat([aws_kms_key.this.arn], var.secrets_kms_key_arns)
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.region}.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "worker_execution" {
  # As for the API: GetAuthorizationToken accepts only Resource "*".
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    sid       = "PullOwnImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = [local.worker_repository_arn]
  }
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.worker.arn}:log-stream:*"]
  }
  statement {
    sid       = "ReadOwnSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = distinct(concat([local.db_password_secret_arn], aws_secretsmanager_secret.previous_master_keys[*].arn, local.temporal_secret_arns, values(local.model_key_secret_arns)))
  }
  statement {
    sid       = "DecryptSecretsThroughSecretsManager"
    actions   = ["kms:Decrypt"]
    resources = concat([aws_kms_key.this.arn], var.secrets_kms_key_arns)
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "api_execution" {
  name   = "start-api-task"
  role   = aws_iam_role.api_execution.id
  policy = data.aws_iam_policy_document.api_execution.json
}

resource "aws_iam_role_policy" "worker_execution" {
  name   = "start-worker-task"
  role   = aws_iam_role.worker_execution.id
  policy = data.aws_iam_policy_document.worker_execution.json
}

# --- task roles -------------------------------------------------------------------------------------

# The API's one AWS API is KMS, on the deployment's key: it wraps tenants' data keys (Encrypt) and
# unwraps them to seal a secret or re-wrap at start-up (Decrypt).
resource "aws_iam_role" "api_task" {
  name               = "${var.name}-api-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

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
}

resource "aws_iam_role_policy" "api_task" {
  name   = "tenant-data-keys"
  role   = aws_iam_role.api_task.id
  policy = data.aws_iam_policy_document.api_task.json
}

resource "aws_iam_role" "worker_task" {
  name               = "${var.name}-worker-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
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

resource "aws_iam_role_policy" "worker_task" {
  name   = "artifact-bucket"
  role   = aws_iam_role.worker_task.id
  policy = data.aws_iam_policy_document.worker_task.json
}
