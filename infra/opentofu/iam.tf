# The services' roles are in modules/service (an execution and a task role per service). What the
# worker's application may do in AWS is decided here: its task role's policy. The API's task role
# has no policy: it calls no AWS API.

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
