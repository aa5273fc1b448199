terraform {
  required_version = ">= 1.10.0"

  # The root module configures the provider (region, default tags); this module inherits it.
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}
