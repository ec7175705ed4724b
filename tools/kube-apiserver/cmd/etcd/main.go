// Command etcd is the etcd server program, built from go.etcd.io/etcd/server/v3 so that tests can
// run a real etcd without downloading a prebuilt binary.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
