package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// textWriter is a query result that can print itself for people.
type textWriter interface {
	WriteText(w io.Writer) error
}

// emit prints a query result as indented JSON or as text.
func emit(w io.Writer, asJSON bool, v textWriter) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	// Text is printed a piece at a time: unbuffered, a long answer
	// (thousands of people) would cost a system call per piece.
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := v.WriteText(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// queryError maps the query package's errors to exit statuses and
// messages that say what to do next.
func queryError(err error) error {
	if err == nil {
		return nil
	}
	var nf *query.NotFoundError
	if errors.As(err, &nf) {
		msg := fmt.Sprintf("nothing in the graph is called %q", nf.Query)
		if len(nf.Suggestions) > 0 {
			names := make([]string, len(nf.Suggestions))
			for i, s := range nf.Suggestions {
				names[i] = fmt.Sprintf("%s (%s)", s.Name, s.Kind)
			}
			msg += "; did you mean " + strings.Join(names, ", ") + "?"
		}
		return noMatch(errors.New(msg))
	}
	var amb *query.AmbiguousError
	if errors.As(err, &amb) {
		names := make([]string, len(amb.Candidates))
		for i, c := range amb.Candidates {
			names[i] = fmt.Sprintf("%s (%s, id %s)", c.Name, c.Kind, c.ID)
		}
		return noMatch(fmt.Errorf("%q names several things: %s; use the id or a longer name", amb.Query, strings.Join(names, "; ")))
	}
	var uq *query.UnknownQuestionError
	if errors.As(err, &uq) {
		return usageError("%v", err)
	}
	if errors.Is(err, query.ErrNotFound) {
		return noMatch(err)
	}
	return err
}

// emptier is a result that can say it holds no answers.
type emptier interface {
	Empty() bool
}

// runQuery loads the graph read-only, runs q on it and prints the result;
// a result with no answers gives exit status 1.
func runQuery(ctx context.Context, g *globals, asJSON bool, q func(gr *graph.Graph) (textWriter, error)) error {
	// A query process loads the graph, answers and exits: collecting
	// garbage along the way only costs time. The memory limit turns the
	// collector back on should a huge graph need it.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 30))
	gr, _, err := g.loadGraph(ctx, true)
	if err != nil {
		return err
	}
	res, err := q(gr)
	if err != nil {
		return queryError(err)
	}
	if err := emit(g.streams.Out, asJSON, res); err != nil {
		return err
	}
	if e, ok := res.(emptier); ok && e.Empty() {
		return noMatch(errors.New("no results"))
	}
	return nil
}
