// etcd's own main package lives in a module with local replace directives, so it cannot be
// built from the module proxy; this is the same one-line entry point.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
