data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  # The worker's ECS stopTimeout: the most Fargate allows. ECS sends SIGTERM, waits this long, then
  # SIGKILL; the worker drains in-flight activities within worker_shutdown_grace_seconds (below it).
  worker_stop_timeout = 120

  temporal_port        = tonumber(element(split(":", var.temporal_address), 1))
  temporal_tls_enabled = var.temporal_auth_mode != "plaintext"

  db_password_secret_arn = aws_db_instance.this.master_user_secret[0].secret_arn
  # sslmode=require: encrypted, server certificate not verified (the images carry no RDS CA bundle;
  # rds.force_ssl refuses plaintext). verify-full needs the bundle in the image: infra/README.md.
  jdbc_url = "jdbc:postgresql://${aws_db_instance.this.address}:${aws_db_instance.this.port}/${var.db_name}?sslmode=require"

  # The deployment's own networks, which the worker refuses to reach for a tenant unless
  # egress_grants names the destination. By default the VPC's blocks: its RFC 1918 ranges are refused
  # anyway, but a VPC's IPv6 block (global unicast) or a public IPv4 block would not be.
  egress_deployment_networks = var.egress_deployment_networks != null ? var.egress_deployment_networks : distinct(compact(concat(
    [data.aws_vpc.this.cidr_block],
    [for a in data.aws_vpc.this.cidr_block_associations : a.cidr_block],
    [data.aws_vpc.this.ipv6_cidr_block],
  )))

  # The containers' environment contract. Literal maps of name => value, so the names can be read
  # (and are checked by tests/test_structure.py); secrets map a name to a Secrets Manager reference
  # and reach the container through the task definition's `secrets`, never its `environment`.
  common_environment = {
    QUARKUS_DATASOURCE_JDBC_URL        = local.jdbc_url
    QUARKUS_DATASOURCE_USERNAME        = var.db_username
    AGENT_RUNTIME_TEMPORAL_TARGET      = var.temporal_address
    AGENT_RUNTIME_TEMPORAL_NAMESPACE   = var.temporal_namespace
    AGENT_RUNTIME_TEMPORAL_TLS_ENABLED = tostring(local.temporal_tls_enabled)
    QUARKUS_OTEL_SDK_DISABLED          = tostring(var.otel_exporter_otlp_endpoint == "")
    # The key that wraps tenants' data keys (an ARN, no secret): the API wraps and unwraps, the
    # worker unwraps, each with its task role (iam.tf).
    AGENT_RUNTIME_SECRETS_KMS_KEY_ID = aws_kms_key.this.arn
  }
  # Set only when not empty.
  optional_environment = {
    QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT = var.otel_exporter_otlp_endpoint
    # References and tenant ids only, no secret: the same value on the API (publish refuses an
    # ungranted env: reference) and the worker (it checks tenant and destination at each use).
    AGENT_RUNTIME_SECRETS_PLATFORM_GRANTS = var.platform_secret_grants
  }
  api_only_environment = {
    MP_JWT_VERIFY_ISSUER             = var.oidc_issuer
    MP_JWT_VERIFY_PUBLICKEY_LOCATION = var.oidc_jwks_url
    # The console (/console/) signs people in at the same realm, by code flow with PKCE; the
    # realm's public client needs the load balancer's /console/* as a redirect URI.
    AGENT_RUNTIME_CONSOLE_OIDC_ISSUER = var.oidc_issuer
  }
  # The object store of run data: the worker writes it, the API reads artifacts from it (their
  # content, a run's output). No AGENT_RUNTIME_S3_ACCESS_KEY / SECRET_KEY: with credentials "aws"
  # each service signs with its task role's credentials (the ECS container credentials endpoint).
  s3_environment = {
    AGENT_RUNTIME_S3_CREDENTIALS = "aws"
    AGENT_RUNTIME_S3_ENDPOINT    = "https://s3.${var.region}.amazonaws.com"
    AGENT_RUNTIME_S3_BUCKET      = aws_s3_bucket.artifacts.bucket
    AGENT_RUNTIME_S3_REGION      = var.region
  }
  worker_only_environment = {
    AGENT_RUNTIME_WORKER_SHUTDOWN_GRACE = "${var.worker_shutdown_grace_seconds}s"
  }
  # The worker's egress policy (docs/security.md#the-platform-policy); set only when not empty.
  worker_optional_environment = {
    AGENT_RUNTIME_EGRESS_GRANTS              = var.egress_grants
    AGENT_RUNTIME_EGRESS_DEPLOYMENT_NETWORKS = join(",", local.egress_deployment_networks)
  }

  common_secrets = {
    # The RDS-managed secret is JSON ({"username": ..., "password": ...}): ECS extracts one key.
    QUARKUS_DATASOURCE_PASSWORD = "${local.db_password_secret_arn}:password::"
  }
  # Master keys from before KMS, which only unwrap, while there are any (data.tf).
  previous_master_key_secrets = local.has_previous_master_keys ? {
    AGENT_RUNTIME_SECRETS_PREVIOUS_MASTER_KEYS = aws_secretsmanager_secret.previous_master_keys[0].arn
  } : {}
  temporal_secrets_by_mode = {
    plaintext = {}
    api_key = {
      AGENT_RUNTIME_TEMPORAL_API_KEY = var.temporal_api_key_secret_arn
    }
    mtls = {
      AGENT_RUNTIME_TEMPORAL_TLS_CLIENT_CERT = var.temporal_tls_client_cert_secret_arn
      AGENT_RUNTIME_TEMPORAL_TLS_CLIENT_KEY  = var.temporal_tls_client_key_secret_arn
    }
  }
  temporal_secrets = local.temporal_secrets_by_mode[var.temporal_auth_mode]
  # The Redis URL embeds the auth token (rediss://:TOKEN@host:6379), so the whole URL is a secret.
  api_only_secrets = {
    AGENT_RUNTIME_REDIS_URL = aws_secretsmanager_secret.redis_url.arn
  }
  # The worker's model API keys come from var.model_api_key_secret_arns; agents say env:NAME, and
  # only where var.platform_secret_grants grants it.

  set_optional_environment        = { for k, v in local.optional_environment : k => v if v != "" }
  set_worker_optional_environment = { for k, v in local.worker_optional_environment : k => v if v != "" }

  api_environment = [
    for k, v in merge(local.common_environment, local.set_optional_environment, local.s3_environment, local.api_only_environment) : { name = k, value = v }
  ]
  api_secrets = [
    for k, v in merge(local.common_secrets, local.previous_master_key_secrets, local.temporal_secrets, local.api_only_secrets) : { name = k, valueFrom = v }
  ]
  worker_environment = [
    for k, v in merge(local.common_environment, local.set_optional_environment, local.s3_environment, local.worker_only_environment, local.set_worker_optional_environment) : { name = k, value = v }
  ]
  worker_secrets = [
    for k, v in merge(local.common_secrets, local.previous_master_key_secrets, local.temporal_secrets, var.model_api_key_secret_arns) : { name = k, valueFrom = v }
  ]
}

# ---------------------------------------------------------------------------------------------------
# Encryption key: RDS storage and its password secret, ElastiCache, the Redis URL secret, S3 objects,
# CloudWatch log groups, Performance Insights.
# ---------------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "kms" {
  # The account's IAM policies decide who uses the key (the AWS default key policy); nothing else
  # here grants it, so the roles below name the key and the service it may be used through.
  #checkov:skip=CKV_AWS_109:A key policy's Resource is always "*" (this key); the root statement is the AWS default that delegates to IAM policies.
  #checkov:skip=CKV_AWS_111:A key policy's Resource is always "*" (this key); writes are limited by the IAM policies it delegates to.
  #checkov:skip=CKV_AWS_356:A key policy's Resource is always "*", meaning this key only.
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid = "CloudWatchLogsEncrypts"
    actions = [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:/ecs/${var.name}/*"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: data at rest (RDS, ElastiCache, S3, Secrets Manager, CloudWatch Logs)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

# ---------------------------------------------------------------------------------------------------
# Logs
# ---------------------------------------------------------------------------------------------------

# Each service's own log group (/ecs/NAME/SERVICE) is in modules/service. This one holds the output
# of ECS Exec sessions, should someone turn it on for a service (it is off here).
resource "aws_cloudwatch_log_group" "exec" {
  name              = "/ecs/${var.name}/exec"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
}
