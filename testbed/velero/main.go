// Velero's controller-runtime manager opens a metrics listener on :8080, on every interface, and
// Velero has no flag for it. The bed binds nothing beyond 127.0.0.1 and runs two servers, so this
// entry point turns that listener off ("0") and then runs Velero's own command unchanged; Velero's
// own metrics stay on --metrics-address.
package main

import (
	"os"
	"path/filepath"

	"github.com/vmware-tanzu/velero/pkg/cmd"
	"github.com/vmware-tanzu/velero/pkg/cmd/velero"
	"k8s.io/klog/v2"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"
)

func main() {
	metricsserver.DefaultBindAddress = "0"
	defer klog.Flush()
	err := velero.NewCommand(filepath.Base(os.Args[0])).Execute()
	cmd.CheckError(err)
}
