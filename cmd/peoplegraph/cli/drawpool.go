package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
)

// drawPool draws map files on up to jobs processors at once. go-graphviz
// draws one map at a time in a process, about 130 ms each, so the first
// drawing of a site's maps took as many minutes as it has thousands of
// interviews. Beside a goroutine that draws in this process, the pool
// starts worker processes ('peoplegraph draw-worker', see serveDraws),
// each with its own Graphviz; it starts one only when a map is waiting
// and every drawer is busy, so a run that draws a map or two starts none.
//
// go-graphviz's WebAssembly memory grows with every map drawn and never
// shrinks (about 0.7 MB a map of an interview; goccy/go-graphviz#111),
// which took one process drawing 1,000 maps to 1.1 GB. So this process
// draws only its first few maps when it can start workers, and a worker
// is replaced by a fresh one after drawing its share.
type drawPool struct {
	ctx     context.Context
	jobs    int
	command func(args ...string) (*exec.Cmd, error) // nil: no workers
	done    func()                                  // called for each map drawn, from a drawer
	queue   chan drawJob
	drawers sync.WaitGroup
	started int // drawers started; only submit changes it
	// inProcess is how many maps this process draws when it has workers,
	// and perWorker how many a worker draws before it is replaced.
	inProcess, perWorker int

	mu      sync.Mutex
	err     error // the first map that failed
	drawn   int
	workers int // worker processes started
}

// Maps drawn before Graphviz is left for a fresh process, which grows
// its memory by about 70 and 180 MB: a machine with eight processors
// has eight workers. Starting a worker takes about 0.1 s, against about
// 30 s to draw its share.
const (
	inProcessMaps = 100
	perWorkerMaps = 250
)

// drawJob is a map to draw and what errors call it.
type drawJob struct {
	plan  mapPlan
	label string
}

// newDrawPool returns a pool of at most jobs drawers that start workers
// with command (none if command is nil) and call done, if not nil, for
// each map drawn.
func newDrawPool(ctx context.Context, jobs int, command func(args ...string) (*exec.Cmd, error), done func()) *drawPool {
	if command == nil {
		jobs = 1
	}
	return &drawPool{
		ctx: ctx, jobs: max(jobs, 1), command: command, done: done, queue: make(chan drawJob),
		inProcess: inProcessMaps, perWorker: perWorkerMaps,
	}
}

// submit hands p to an idle drawer, starting a drawer if every one is busy
// and fewer than jobs run, else waiting for one. It returns the error of
// a map that failed before, or the context's.
func (d *drawPool) submit(p mapPlan, label string) error {
	if err := d.failure(); err != nil {
		return err
	}
	job := drawJob{plan: p, label: label}
	select {
	case d.queue <- job:
		return nil
	default:
	}
	if d.started < d.jobs {
		d.started++
		first := d.started == 1
		d.drawers.Go(func() { d.drawer(first) })
	}
	select {
	case d.queue <- job:
		return nil
	case <-d.ctx.Done():
		return d.ctx.Err()
	}
}

// drawer draws the maps it takes from the queue: the first drawer in this
// process, up to inProcess maps when there can be workers, then each
// drawer through workers, a fresh one every perWorker maps. Where a
// worker cannot be started, the drawer draws in this process.
func (d *drawPool) drawer(first bool) {
	var files *mapFiles
	var w *drawWorker
	defer func() {
		if files != nil {
			files.Close()
		}
		d.retire(w)
	}()
	drawn := 0 // by the current renderer or worker
	for job := range d.queue {
		if d.failure() != nil {
			continue
		}
		switch {
		case w != nil:
			if drawn >= d.perWorker {
				d.retire(w)
				w, drawn = d.startWorker(), 0
			}
		case files == nil && first:
			files = &mapFiles{}
		case files == nil || (d.command != nil && drawn >= d.inProcess):
			w, drawn = d.startWorker(), 0
		}
		var err error
		switch {
		case w != nil:
			err = w.draw(job.plan)
		default:
			// In this process: the first drawer's first maps, or a
			// drawer's that could start no worker. Renders in this
			// process take turns (see export.Renderer).
			if files == nil {
				files = &mapFiles{}
			}
			err = files.draw(d.ctx, job.plan)
		}
		drawn++
		d.finish(job, err)
	}
}

// startWorker starts a worker process, or returns nil if it cannot.
func (d *drawPool) startWorker() *drawWorker {
	if d.command == nil {
		return nil
	}
	w, err := startDrawWorker(d.command)
	if err != nil {
		return nil
	}
	d.mu.Lock()
	d.workers++
	d.mu.Unlock()
	return w
}

// retire stops a worker, if any, once it has drawn its maps.
func (d *drawPool) retire(w *drawWorker) {
	if w == nil {
		return
	}
	if err := w.close(); err != nil {
		d.finish(drawJob{label: "draw worker"}, err)
	}
}

// finish records how drawing job went.
func (d *drawPool) finish(job drawJob, err error) {
	d.mu.Lock()
	switch {
	case err != nil && d.err == nil:
		d.err = fmt.Errorf("%s: %w", job.label, err)
	case err == nil:
		d.drawn++
	}
	d.mu.Unlock()
	if err == nil && d.done != nil {
		d.done()
	}
}

func (d *drawPool) failure() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// close waits for the maps submitted to be drawn and stops the workers.
// It returns how many maps were drawn, by how many processes, and the
// first error.
func (d *drawPool) close() (drawn, processes int, err error) {
	close(d.queue)
	d.drawers.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.drawn, 1 + d.workers, d.err
}

// drawWorker is a running 'peoplegraph draw-worker' process.
type drawWorker struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	enc    *json.Encoder
	dec    *json.Decoder
	stderr bytes.Buffer
	exited bool
}

func startDrawWorker(command func(args ...string) (*exec.Cmd, error)) (*drawWorker, error) {
	cmd, err := command("draw-worker")
	if err != nil {
		return nil, err
	}
	w := &drawWorker{cmd: cmd}
	cmd.Stderr = &w.stderr
	if w.in, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	w.enc, w.dec = json.NewEncoder(w.in), json.NewDecoder(out)
	return w, nil
}

// draw has the worker draw p and write its file.
func (w *drawWorker) draw(p mapPlan) error {
	if err := w.enc.Encode(drawRequest{Path: p.path, Format: p.format, Layout: p.layout, DOT: p.dot}); err != nil {
		return w.gone(err)
	}
	var reply drawReply
	if err := w.dec.Decode(&reply); err != nil {
		return w.gone(err)
	}
	if reply.Error != "" {
		return errors.New(reply.Error)
	}
	return nil
}

// gone describes a worker that stopped answering, with what it printed.
func (w *drawWorker) gone(err error) error {
	_ = w.in.Close()
	werr := w.cmd.Wait()
	w.exited = true
	msg := strings.TrimSpace(w.stderr.String())
	if msg == "" && werr != nil {
		msg = werr.Error()
	}
	return fmt.Errorf("draw worker stopped (%w): %s", err, msg)
}

// close ends the worker's input and waits for it to exit.
func (w *drawWorker) close() error {
	if w.exited {
		return nil // its failure is reported already
	}
	w.exited = true
	if err := w.in.Close(); err != nil {
		return err
	}
	if err := w.cmd.Wait(); err != nil {
		return fmt.Errorf("draw worker: %w: %s", err, strings.TrimSpace(w.stderr.String()))
	}
	return nil
}
