resource "aws_lb" "this" {
  #checkov:skip=CKV2_AWS_76:The web ACL is the operator's (waf_web_acl_arn) and its rules are theirs to choose; the API logs through JBoss LogManager, not Log4j.
  name                       = var.name
  load_balancer_type         = "application"
  internal                   = var.alb_internal
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.alb_deletion_protection
  # Above the API's 15 s SSE keep-alive comments, so idle event streams stay open.
  idle_timeout = 60

  dynamic "access_logs" {
    for_each = var.alb_access_logs_bucket == "" ? [] : [var.alb_access_logs_bucket]
    content {
      bucket  = access_logs.value
      prefix  = "alb/${var.name}"
      enabled = true
    }
  }
}

resource "aws_lb_target_group" "api" {
  #checkov:skip=CKV_AWS_378:TLS ends at the ALB; the hop to the task stays in the VPC's private subnets, and the API's security group admits the ALB's only. End-to-end TLS would need a certificate in every API task.
  name                 = "${var.name}-api"
  target_type          = "ip"
  port                 = 8080
  protocol             = "HTTP"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/q/health/ready"
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  # Only /v1 and the console's files are public, as on the Kong gateway: /q/metrics, /q/openapi and
  # the rest of /q/* stay inside the VPC (the ALB's health check reaches /q/health/ready on the targets directly).
  default_action {
    type = "fixed-response"
    fixed_response {
      # The ALB accepts only a few content types for fixed responses; problem+json is not one.
      content_type = "application/json"
      message_body = jsonencode({ type = "about:blank", title = "Not Found", status = 404 })
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "api_v1" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  condition {
    path_pattern {
      # The API, and the operator console's files (the API serves them; docs/console.md).
      values = ["/v1/*", "/console", "/console/*"]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

resource "aws_lb_listener" "http_redirect" {
  #checkov:skip=CKV_AWS_2:This listener only redirects to HTTPS (301); it serves nothing.
  #checkov:skip=CKV_AWS_103:This listener only redirects to HTTPS; the HTTPS listener uses ELBSecurityPolicy-TLS13-1-2-2021-06.
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_wafv2_web_acl_association" "this" {
  count        = var.waf_web_acl_arn == "" ? 0 : 1
  resource_arn = aws_lb.this.arn
  web_acl_arn  = var.waf_web_acl_arn
}
