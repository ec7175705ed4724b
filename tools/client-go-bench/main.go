// Command client-go-bench measures client-go against a running kube-apiserver for the Java SDK's
// benchmark runner (sdk-benchmarks, full mode), which starts the server, loads the Backends and runs
// this program once per variant and repetition. It speaks a line protocol on stdout:
//
//	informer mode: "READY sync_cold_ms=.. sync_ms=.. heap_bytes=.. items=.." once the measured informer
//	has synced; then it counts update events (the runner generates them at a steady rate after READY) and
//	prints "DONE events=.. cpu_ns=.. wall_ns=.. steady_cpu_ns=.. steady_wall_ns=..": the process's CPU
//	over the first -events of them, and over -events more after the first -warm (the steady state).
//	write mode: "PHASE op=create rep=0 n=1000 wall_ns=.. cpu_ns=.." per operation and repetition.
//	selfcheck mode: "SELFCHECK items=.. typed_mismatches=.." (typed round trip vs unstructured).
//
// Variants: dynamic (unstructured informer from dynamicinformer), typed (SharedIndexInformer over the
// hand-written Backend structs in types.go, JSON from a RESTClient, as a generated clientset does), each
// optionally with cache.TransformStripManagedFields ("-strip").
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/fields"
	kruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	clientfeatures "k8s.io/client-go/features"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/klog/v2"
	crcache "sigs.k8s.io/controller-runtime/pkg/cache"
)

var gvr = schema.GroupVersionResource{Group: "gateway.kgateway.dev", Version: "v1alpha1", Resource: "backends"}

func main() {
	mode := flag.String("mode", "informer", "informer, write or selfcheck")
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig file")
	variant := flag.String("variant", "dynamic", "dynamic, dynamic-strip, typed, typed-strip")
	expect := flag.Int("expect", 10000, "Backends the informer must hold once synced")
	events := flag.Int("events", 1000, "update events in each measured window after READY")
	warm := flag.Int("warm", 0, "update events after READY before the steady-state window (at least -events)")
	docs := flag.String("docs", "", "write mode: JSON array of Backend manifests")
	namespaces := flag.String("namespaces", "", "write mode: comma-separated namespaces, the first for warm-up, one per repetition after it")
	count := flag.Int("count", 1000, "write mode: operations of each kind per repetition")
	warmup := flag.Int("warmup", 100, "write mode: operations of each kind in the warm-up namespace")
	flag.Parse()
	klog.SetOutput(os.Stderr)

	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	check(err)
	cfg.QPS = -1 // no client-side rate limit (fabric8 has none); client-go's default is 5 QPS
	cfg.Burst = 0
	cfg.UserAgent = "client-go-bench"

	switch *mode {
	case "informer":
		informer(cfg, *variant, *expect, *events, *warm)
	case "write":
		write(cfg, *docs, strings.Split(*namespaces, ","), *count, *warmup)
	case "selfcheck":
		selfCheck(cfg)
	default:
		check(fmt.Errorf("unknown mode %q", *mode))
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "client-go-bench:", err)
		os.Exit(1)
	}
}

func cpuNanos() int64 {
	var ru syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// liveHeap is the heap in use after two full collections (runtime.MemStats.HeapAlloc).
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func typedClient(cfg *rest.Config) *rest.RESTClient {
	scheme := kruntime.NewScheme()
	scheme.AddKnownTypes(backendGV, &Backend{}, &BackendList{})
	metav1.AddToGroupVersion(scheme, backendGV)
	c := rest.CopyConfig(cfg)
	c.GroupVersion = &backendGV
	c.APIPath = "/apis"
	c.ContentType = kruntime.ContentTypeJSON
	c.NegotiatedSerializer = serializer.NewCodecFactory(scheme).WithoutConversion()
	rc, err := rest.RESTClientFor(c)
	check(err)
	return rc
}

type counter struct{ updates atomic.Int64 }

func newInformer(cfg *rest.Config, variant string, handler *counter) cache.SharedIndexInformer {
	var inf cache.SharedIndexInformer
	base := strings.TrimSuffix(variant, "-strip")
	switch base {
	case "dynamic":
		dc, err := dynamic.NewForConfig(cfg)
		check(err)
		inf = dynamicinformer.NewFilteredDynamicInformer(dc, gvr, metav1.NamespaceAll, 0,
			cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc}, nil).Informer()
	case "typed":
		lw := cache.NewListWatchFromClient(typedClient(cfg), "backends", metav1.NamespaceAll, fields.Everything())
		inf = cache.NewSharedIndexInformer(lw, &Backend{}, 0, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	default:
		check(fmt.Errorf("unknown variant %q", variant))
	}
	if strings.HasSuffix(variant, "-strip") {
		check(inf.SetTransform(crcache.TransformStripManagedFields()))
	}
	_, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		UpdateFunc: func(_, _ interface{}) {
			if handler != nil {
				handler.updates.Add(1)
			}
		},
	})
	check(err)
	return inf
}

func syncInformer(inf cache.SharedIndexInformer, expect int) (time.Duration, chan struct{}) {
	stop := make(chan struct{})
	start := time.Now()
	go inf.Run(stop)
	// polled every millisecond: cache.WaitForCacheSync polls every 100 ms, too coarse for these figures
	deadline := start.Add(10 * time.Minute)
	for !inf.HasSynced() {
		if time.Now().After(deadline) {
			check(fmt.Errorf("informer did not sync"))
		}
		time.Sleep(time.Millisecond)
	}
	took := time.Since(start)
	if n := len(inf.GetStore().ListKeys()); n != expect {
		check(fmt.Errorf("informer holds %d Backends, expected %d", n, expect))
	}
	return took, stop
}

func informer(cfg *rest.Config, variant string, expect, events, warm int) {
	// the first informer of the process (cold), then a second one, which is measured
	cold := newInformer(cfg, variant, nil)
	coldSync, stop := syncInformer(cold, expect)
	close(stop)
	cold = nil
	time.Sleep(200 * time.Millisecond)

	handler := &counter{}
	inf := newInformer(cfg, variant, handler)
	before := liveHeap()
	sync, _ := syncInformer(inf, expect)
	after := liveHeap()
	runtime.KeepAlive(inf)
	fmt.Printf("READY sync_cold_ms=%.1f sync_ms=%.1f heap_bytes=%d items=%d watchlist=%v deep_copies=%d\n",
		float64(coldSync.Microseconds())/1000, float64(sync.Microseconds())/1000, int64(after)-int64(before), expect,
		clientfeatures.FeatureGates().Enabled(clientfeatures.WatchListClient), deepCopies.Load())
	os.Stdout.Sync()

	// two windows of the same length: the first events after the sync, then the steady state after a warm-up
	deadline := time.Now().Add(10 * time.Minute)
	await := func(n int) {
		for handler.updates.Load() < int64(n) {
			if time.Now().After(deadline) {
				check(fmt.Errorf("saw %d of %d update events", handler.updates.Load(), n))
			}
			time.Sleep(time.Millisecond)
		}
	}
	cpu0, t0 := cpuNanos(), time.Now()
	await(events)
	cpu1, t1 := cpuNanos(), time.Now()
	steadyFrom := warm
	if steadyFrom < events {
		steadyFrom = events
	}
	await(steadyFrom)
	cpu2, t2 := cpuNanos(), time.Now()
	if warm > 0 {
		await(steadyFrom + events)
	}
	fmt.Printf("DONE events=%d cpu_ns=%d wall_ns=%d steady_cpu_ns=%d steady_wall_ns=%d deep_copies=%d\n", events, cpu1-cpu0,
		t1.Sub(t0).Nanoseconds(), cpuNanos()-cpu2, time.Since(t2).Nanoseconds(), deepCopies.Load())
	runtime.KeepAlive(inf)
}

func write(cfg *rest.Config, docsFile string, namespaces []string, count, warmup int) {
	data, err := os.ReadFile(docsFile)
	check(err)
	var docs []map[string]interface{}
	check(json.Unmarshal(data, &docs))
	dc, err := dynamic.NewForConfig(cfg)
	check(err)
	ctx := context.Background()
	for rep, ns := range namespaces {
		n := count
		if rep == 0 {
			n = warmup
		}
		client := dc.Resource(gvr).Namespace(ns)
		objects := make([]*unstructured.Unstructured, n)
		for i := 0; i < n; i++ {
			objects[i] = &unstructured.Unstructured{Object: deepCopyMap(docs[i%len(docs)])}
			objects[i].SetNamespace(ns)
		}
		phase := func(op string, do func(i int)) {
			cpu0, t0 := cpuNanos(), time.Now()
			for i := 0; i < n; i++ {
				do(i)
			}
			if rep > 0 {
				fmt.Printf("PHASE op=%s rep=%d n=%d wall_ns=%d cpu_ns=%d\n", op, rep, n, time.Since(t0).Nanoseconds(), cpuNanos()-cpu0)
			}
		}
		phase("create", func(i int) {
			_, err := client.Create(ctx, objects[i], metav1.CreateOptions{FieldManager: "bench-create"})
			check(err)
		})
		phase("apply", func(i int) {
			obj := objects[i].DeepCopy()
			labels := obj.GetLabels()
			labels["bench/applied"] = "true"
			obj.SetLabels(labels)
			_, err := client.Apply(ctx, obj.GetName(), obj, metav1.ApplyOptions{FieldManager: "bench-apply"})
			check(err)
		})
		phase("edit", func(i int) {
			obj, err := client.Get(ctx, objects[i].GetName(), metav1.GetOptions{})
			check(err)
			labels := obj.GetLabels()
			labels["bench/edited"] = "true"
			obj.SetLabels(labels)
			_, err = client.Update(ctx, obj, metav1.UpdateOptions{FieldManager: "bench-edit"})
			check(err)
		})
	}
}

func deepCopyMap(in map[string]interface{}) map[string]interface{} {
	return kruntime.DeepCopyJSON(in)
}

// selfCheck lists every Backend both ways and compares the typed round trip with the unstructured
// object, so the typed informer caches what the server serves (nothing dropped by missing fields).
func selfCheck(cfg *rest.Config) {
	dc, err := dynamic.NewForConfig(cfg)
	check(err)
	ctx := context.Background()
	list, err := dc.Resource(gvr).List(ctx, metav1.ListOptions{})
	check(err)
	typed := &BackendList{}
	check(typedClient(cfg).Get().Resource("backends").Do(ctx).Into(typed))
	byName := map[string]*Backend{}
	for i := range typed.Items {
		byName[typed.Items[i].Namespace+"/"+typed.Items[i].Name] = &typed.Items[i]
	}
	mismatches := 0
	var first string
	for _, item := range list.Items {
		t := byName[item.GetNamespace()+"/"+item.GetName()]
		var a, b interface{}
		ja, _ := json.Marshal(item.Object)
		check(json.Unmarshal(ja, &a))
		tb := *t
		tb.APIVersion, tb.Kind = item.GetAPIVersion(), item.GetKind()
		jb, _ := json.Marshal(&tb)
		check(json.Unmarshal(jb, &b))
		if !reflect.DeepEqual(a, b) {
			mismatches++
			if first == "" {
				first = string(ja) + "\n   typed: " + string(jb)
			}
		}
	}
	if first != "" {
		w := bufio.NewWriter(os.Stderr)
		fmt.Fprintln(w, "first typed mismatch:\n served:", first)
		w.Flush()
	}
	fmt.Printf("SELFCHECK items=%d typed_mismatches=%d\n", len(list.Items), mismatches)
}
