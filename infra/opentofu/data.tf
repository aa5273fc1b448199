# ---------------------------------------------------------------------------------------------------
# PostgreSQL: runs, events, agents, versions. The API migrates the schema (Flyway) at start-up.
# ---------------------------------------------------------------------------------------------------

resource "aws_db_subnet_group" "this" {
  name       = "${var.name}-db"
  subnet_ids = var.private_subnet_ids
}

resource "aws_db_parameter_group" "this" {
  name   = "${var.name}-postgres16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
  # Slow statements and DDL in the PostgreSQL log (exported to CloudWatch below).
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

resource "aws_iam_role" "rds_monitoring" {
  name               = "${var.name}-rds-monitoring"
  assume_role_policy = data.aws_iam_policy_document.rds_monitoring_assume.json
}

data "aws_iam_policy_document" "rds_monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "rds_monitoring" {
  role       = aws_iam_role.rds_monitoring.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "this" {
  #checkov:skip=CKV_AWS_161:The services authenticate with the password RDS keeps in Secrets Manager; IAM auth tokens expire after 15 minutes and the JDBC pool (Agroal) has no token provider here.
  identifier     = "${var.name}-db"
  engine         = "postgres"
  engine_version = var.db_engine_version
  instance_class = var.db_instance_class

  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.this.arn

  db_name  = var.db_name
  username = var.db_username
  # RDS generates the password, keeps it in Secrets Manager (encrypted with our key) and rotates it;
  # the tasks get it through their definitions' `secrets`. It never passes through the state.
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.this.key_id

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.this.name
  multi_az               = var.db_multi_az

  backup_retention_period   = var.db_backup_retention_days
  backup_window             = "02:00-03:00"
  maintenance_window        = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot     = true
  deletion_protection       = var.db_deletion_protection
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.name}-db-final"

  auto_minor_version_upgrade      = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
  monitoring_interval             = 60
  monitoring_role_arn             = aws_iam_role.rds_monitoring.arn
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.this.arn
}

# ---------------------------------------------------------------------------------------------------
# Redis: the API's per-tenant admission rate limits (counters only; nothing durable).
# ---------------------------------------------------------------------------------------------------

resource "aws_elasticache_subnet_group" "this" {
  name       = "${var.name}-redis"
  subnet_ids = var.private_subnet_ids
}

# ElastiCache takes the token as a plain argument, so it is in the state: see backend.hcl.example.
# Letters and digits only: ElastiCache refuses some punctuation, and the token sits in a URL.
resource "random_password" "redis_auth" {
  length  = 64
  special = false
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = "${var.name}-redis"
  description          = "Agent Runtime API rate limits"
  engine               = "redis"
  engine_version       = var.redis_engine_version
  node_type            = var.redis_node_type
  port                 = 6379

  # A replica in another AZ takes over when the primary fails (at least two nodes, by validation).
  num_cache_clusters         = var.redis_num_cache_clusters
  automatic_failover_enabled = true
  multi_az_enabled           = true

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.redis.id]

  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.this.arn
  transit_encryption_enabled = true
  auth_token                 = random_password.redis_auth.result

  auto_minor_version_upgrade = true
  # Rate-limit counters are rebuilt within a window; a daily snapshot is for forensics only.
  snapshot_retention_limit = 1
}

resource "aws_secretsmanager_secret" "redis_url" {
  #checkov:skip=CKV2_AWS_57:Rotating this secret means rotating the ElastiCache auth token (a ROTATE then SET change of the replication group) and restarting the API; that is an apply of this configuration with a new random_password, not a Secrets Manager rotation Lambda.
  name                    = "${var.name}/api/redis-url"
  description             = "rediss:// URL of the API's Redis, with its auth token"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "redis_url" {
  secret_id     = aws_secretsmanager_secret.redis_url.id
  secret_string = "rediss://:${random_password.redis_auth.result}@${aws_elasticache_replication_group.this.primary_endpoint_address}:6379"
}

# ---------------------------------------------------------------------------------------------------
# Tenant secret store (docs/security.md#secrets): the deployment's KMS key wraps each tenant's data
# key (AGENT_RUNTIME_SECRETS_KMS_KEY_ID, main.tf; kms:Encrypt/Decrypt for the task roles, iam.tf).
# Master keys of the deployments from before KMS only unwrap, until the API has re-wrapped every
# data key under KMS at start-up: AGENT_RUNTIME_SECRETS_PREVIOUS_MASTER_KEYS (base64, comma-separated).
# ---------------------------------------------------------------------------------------------------

# The master key this configuration generated before KMS wrapped data keys. Kept (and handed to the
# API and the worker as a previous key) until generated_master_key_retired, so that an upgrade is
# one apply with nothing lost: infra/README.md. The key is in the state: see backend.hcl.example.
resource "random_bytes" "master_key" {
  count  = var.generated_master_key_retired ? 0 : 1
  length = 32
}

moved {
  from = random_bytes.master_key
  to   = random_bytes.master_key[0]
}

locals {
  previous_master_keys = concat(random_bytes.master_key[*].base64, var.previous_master_keys)
  # How many keys is not secret, and count cannot take a sensitive value.
  has_previous_master_keys = nonsensitive(length(local.previous_master_keys) > 0)
}

resource "aws_secretsmanager_secret" "previous_master_keys" {
  #checkov:skip=CKV2_AWS_57:These keys only unwrap tenant data keys from before KMS, until the API has re-wrapped them; they are retired (infra/README.md), never rotated by a Secrets Manager rotation Lambda.
  count = local.has_previous_master_keys ? 1 : 0
  # The name of the secret that held the master keys before KMS: moved, not replaced.
  name        = "${var.name}/secrets/master-keys"
  description = "Master keys from before KMS wrapped tenant data keys (base64, comma-separated): AGENT_RUNTIME_SECRETS_PREVIOUS_MASTER_KEYS of the API and the worker, which only unwrap with them"
  kms_key_id  = aws_kms_key.this.arn
  # The longest window: a data key not yet re-wrapped does not open without these keys.
  recovery_window_in_days = 30
}

moved {
  from = aws_secretsmanager_secret.master_keys
  to   = aws_secretsmanager_secret.previous_master_keys[0]
}

resource "aws_secretsmanager_secret_version" "previous_master_keys" {
  count         = local.has_previous_master_keys ? 1 : 0
  secret_id     = aws_secretsmanager_secret.previous_master_keys[0].id
  secret_string = join(",", local.previous_master_keys)
}

moved {
  from = aws_secretsmanager_secret_version.master_keys
  to   = aws_secretsmanager_secret_version.previous_master_keys[0]
}

# ---------------------------------------------------------------------------------------------------
# S3: run transcripts, large payloads and artifacts (MinIO in compose and standalone mode).
# ---------------------------------------------------------------------------------------------------

resource "aws_s3_bucket" "artifacts" {
  #checkov:skip=CKV_AWS_144:Cross-region replication is a disaster-recovery choice of the operator (a second region and bucket this module does not own); versioning keeps overwritten and deleted objects here.
  #checkov:skip=CKV2_AWS_62:Nothing consumes object events; the worker records every artifact in PostgreSQL as it writes it.
  bucket        = var.artifact_bucket_name == "" ? null : var.artifact_bucket_name
  bucket_prefix = var.artifact_bucket_name == "" ? "${var.name}-artifacts-" : null
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket                  = aws_s3_bucket.artifacts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
    bucket_key_enabled = true
  }
}

# In agreement with the API's retention purge (docs/operations.md#retention): the purge deletes a
# run's objects when its retention ends, which in this versioned bucket leaves them as noncurrent
# versions, gone after artifact_noncurrent_version_days; their delete markers are then removed.
# The bucket cannot see legal holds or a tenant's own retention, so it never expires current run
# data by default: run_data_expiry_days (0: off) is an optional backstop, to set above the longest
# retention and legal hold the platform grants.
resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.artifact_noncurrent_version_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  rule {
    id     = "remove-purged-objects-delete-markers"
    status = "Enabled"
    filter {
      prefix = "tenants/"
    }
    expiration {
      expired_object_delete_marker = true
    }
  }

  dynamic "rule" {
    for_each = var.run_data_expiry_days > 0 ? [var.run_data_expiry_days] : []
    content {
      id     = "run-data-backstop"
      status = "Enabled"
      filter {
        prefix = "tenants/"
      }
      expiration {
        days = rule.value
      }
    }
  }
}

resource "aws_s3_bucket_logging" "artifacts" {
  count         = var.s3_access_logs_bucket == "" ? 0 : 1
  bucket        = aws_s3_bucket.artifacts.id
  target_bucket = var.s3_access_logs_bucket
  target_prefix = "s3/${var.name}-artifacts/"
}

# Requests without TLS are refused, whoever makes them.
data "aws_iam_policy_document" "artifacts_bucket" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.artifacts.arn,
      "${aws_s3_bucket.artifacts.arn}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = data.aws_iam_policy_document.artifacts_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.artifacts]
}
