package serve

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// windowFeed carries one session channel's window changes to its program.
// charm.land/ssh hands them out on a channel that its own PTY-resizing
// goroutine also reads, so a second reader gets only some of them (the
// first change was always lost, leaving a session opened small "too
// small" for good). The feed taps the channel's requests before the
// library sees them instead: every change reaches the program, and the
// library goes on resizing the PTY with its own copy.
type windowFeed struct {
	latest chan ssh.Window // holds the newest change not yet read
}

func newWindowFeed() *windowFeed { return &windowFeed{latest: make(chan ssh.Window, 1)} }

// changed keeps w as the newest change, replacing an unread older one: a
// program only needs the size the terminal has now. Only the tap writes,
// so the loop ends by its second turn.
func (f *windowFeed) changed(w ssh.Window) {
	for {
		select {
		case f.latest <- w:
			return
		default:
			select {
			case <-f.latest:
			default:
			}
		}
	}
}

// windowFeedKey finds a session's feed in its context.
type windowFeedKey struct{}

// channelContext is the connection's context with one session channel's
// feed in it, so the session's handler finds its own feed even when one
// connection opens several sessions.
type channelContext struct {
	ssh.Context
	feed *windowFeed
}

func (c *channelContext) Value(key any) any {
	if key == (windowFeedKey{}) {
		return c.feed
	}
	return c.Context.Value(key)
}

// sessionFeed is the session's window feed; nil when the session did not
// come through tapSessions (a test's hand-made server).
func sessionFeed(sess ssh.Session) *windowFeed {
	f, _ := sess.Context().Value(windowFeedKey{}).(*windowFeed)
	return f
}

// tapSessions is the "session" channel handler: the library's own, on a
// channel whose window changes also go to the session's feed.
func tapSessions(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	feed := newWindowFeed()
	ssh.DefaultSessionHandler(srv, conn, windowTap{NewChannel: newChan, feed: feed}, &channelContext{Context: ctx, feed: feed})
}

type windowTap struct {
	gossh.NewChannel
	feed *windowFeed
}

func (t windowTap) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := t.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		for req := range reqs {
			if req.Type == "window-change" {
				var w struct{ Width, Height, WidthPx, HeightPx uint32 }
				if gossh.Unmarshal(req.Payload, &w) == nil {
					t.feed.changed(ssh.Window{Width: int(w.Width), Height: int(w.Height), WidthPixels: int(w.WidthPx), HeightPixels: int(w.HeightPx)})
				}
			}
			out <- req
		}
	}()
	return ch, out, nil
}

// sizedModel is the session's model, saying when it has had its first
// size: Bubble Tea sends the size it read at start from a goroutine of its
// own, so a change forwarded before that could arrive first and be
// overwritten by the older size. followSession forwards only after it.
type sizedModel struct {
	tea.Model
	sized chan struct{} // closed at the first WindowSizeMsg
	seen  bool
}

func (m sizedModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.WindowSizeMsg); ok && !m.seen {
		m.seen = true
		close(m.sized)
	}
	next, cmd := m.Model.Update(msg)
	m.Model = next
	return m, cmd
}

// unwrapModel is the session's own model from the program's final one.
func unwrapModel(m tea.Model) tea.Model {
	if s, ok := m.(sizedModel); ok {
		return s.Model
	}
	return m
}
