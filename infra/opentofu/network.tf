# Security groups. Ingress: internet (alb_ingress_cidrs) -> ALB 443/80 -> API 8080; API and worker
# -> PostgreSQL 5432; API -> Redis 6379. Nothing reaches the worker. Egress is listed per group:
# HTTPS for AWS APIs (ECR, Secrets Manager, CloudWatch Logs, S3), the OIDC JWKS and model APIs, and
# the Temporal port; the data stores have no egress at all.

# The VPC's address blocks: by default the worker's egress policy refuses them for tenants
# (egress_deployment_networks).
data "aws_vpc" "this" {
  id = var.vpc_id
}

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "Agent Runtime ALB: HTTPS in, API port out"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each          = toset(var.alb_ingress_cidrs)
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from clients"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  #checkov:skip=CKV_AWS_260:Port 80 serves only the listener that answers 301 to HTTPS; clients typing http:// get redirected instead of a timeout.
  for_each          = toset(var.alb_ingress_cidrs)
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from clients, answered only with a redirect to HTTPS"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_egress_rule" "alb_to_api" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the API tasks"
  referenced_security_group_id = module.api.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
}

resource "aws_vpc_security_group_ingress_rule" "api_from_alb" {
  security_group_id            = module.api.security_group_id
  description                  = "HTTP from the ALB only"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
}

resource "aws_vpc_security_group_egress_rule" "api_to_db" {
  security_group_id            = module.api.security_group_id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_egress_rule" "api_to_redis" {
  security_group_id            = module.api.security_group_id
  description                  = "Redis"
  referenced_security_group_id = aws_security_group.redis.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "aws_vpc_security_group_egress_rule" "api_https" {
  security_group_id = module.api.security_group_id
  description       = "HTTPS: ECR, Secrets Manager, CloudWatch Logs, the OIDC JWKS, the OTLP endpoint"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "api_temporal" {
  for_each          = toset(var.temporal_egress_cidrs)
  security_group_id = module.api.security_group_id
  description       = "Temporal frontend"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = local.temporal_port
  to_port           = local.temporal_port
}

resource "aws_vpc_security_group_egress_rule" "worker_to_db" {
  security_group_id            = module.worker.security_group_id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_egress_rule" "worker_out" {
  for_each          = toset([for p in var.worker_egress_ports : tostring(p)])
  security_group_id = module.worker.security_group_id
  description       = "Model APIs, HTTP tools, MCP servers, AWS APIs (S3, ECR, Secrets Manager, Logs)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = tonumber(each.value)
  to_port           = tonumber(each.value)
}

resource "aws_vpc_security_group_egress_rule" "worker_temporal" {
  for_each          = toset(var.temporal_egress_cidrs)
  security_group_id = module.worker.security_group_id
  description       = "Temporal frontend"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = local.temporal_port
  to_port           = local.temporal_port
}

resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "Agent Runtime PostgreSQL: from the API and the worker only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_api" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from the API"
  referenced_security_group_id = module.api.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_ingress_rule" "db_from_worker" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from the worker"
  referenced_security_group_id = module.worker.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_security_group" "redis" {
  name        = "${var.name}-redis"
  description = "Agent Runtime Redis: from the API only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_api" {
  security_group_id            = aws_security_group.redis.id
  description                  = "Redis from the API"
  referenced_security_group_id = module.api.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}
