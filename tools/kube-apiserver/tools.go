//go:build tools

// Package tools pins the programs this module builds: kube-apiserver from k8s.io/kubernetes.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
)
