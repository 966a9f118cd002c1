package dev.weft;

import java.util.concurrent.CompletionStage;

/**
 * A coroutine object: the state machine of one call of a {@link Coroutine @Coroutine} method.
 *
 * <p>The Weft processor generates one subclass per coroutine method; its factory
 * ({@code XCoroutines.m(...)}) returns a fresh frame. A frame runs once, either as its own task
 * ({@link Weft#spawn(CoroutineFrame)}, {@link EventLoop#runUntilComplete(CoroutineFrame)}) or
 * inline inside the task that awaits it, like a call. Because every task is a frame, a spawned
 * frame is also the {@link Task} handle for it.
 *
 * <h2>The protocol generated code implements</h2>
 * <ul>
 *   <li>The runtime calls {@link #resume(Object, Throwable)} to run the coroutine from where it
 *       stopped. {@link #state} says where: 0 on the first call; generated code sets it before it
 *       suspends and dispatches on it when resumed ({@code switch (state)}).
 *   <li>To wait for something, {@code resume} stores the state to continue at and returns the
 *       awaitable (through {@link #suspendOn(Awaitable)}). That is the only way it suspends: the
 *       runtime does all waiting, waking and scheduling.
 *   <li>When the wait is over the runtime calls {@code resume} again with the outcome: the value
 *       in {@code awaited}, or the exception to throw at the suspension point in {@code failure}
 *       ({@code null} when the wait succeeded). Generated code throws {@code failure} first.
 *   <li>If what was awaited is already available (a set event, a free lock, a done task) the
 *       runtime calls {@code resume} again at once, in a loop: no trip through the ready queue, no
 *       allocation, no growth of the Java stack however many times a loop awaits.
 *   <li>Returning a frame that has not started pushes it: it runs inline in the same task, and
 *       its result (or exception) becomes the outcome of the caller's suspension. Returning a
 *       started frame waits for that task to finish instead.
 *   <li>A call of a coroutine in the user's code runs the callee at once, on the Java stack:
 *       {@link #callInline(CoroutineFrame)} returns its result (or throws its exception) as a
 *       plain call would, or {@link #SUSPENDED_INSIDE} when it suspended; {@code resume} then
 *       returns that, and later resumes in the same state with the result as after any
 *       suspension. {@code int}, {@code long}, {@code double} and {@code boolean} results pass
 *       unboxed ({@link #completeInt(int)}, {@link #intResult(Object)} and their kin).
 *   <li>To finish, {@code resume} returns {@link #complete(Object)}; to fail, it throws. A
 *       {@link CancelledException} that escapes makes the task cancelled.
 *   <li>{@code resume} is never called again once the frame has finished, and never twice for
 *       one suspension.
 * </ul>
 * The members here are that protocol; the state machines Weft generates extend
 * {@link GeneratedFrame}, which adds the helpers that keep javac's typing of the user's
 * expressions across suspension points. The runtime's own operations written as coroutines
 * (a condition's wait, {@code waitFor}, {@code gather}) implement the protocol by hand.
 *
 * @param <T> the coroutine's result type (boxed; {@link Void} for {@code void} methods)
 */
public abstract class CoroutineFrame<T> extends Task<T> {
    /** Where {@link #resume} continues: 0 at the start; otherwise owned by generated code. */
    protected int state;

    /**
     * How deep coroutine calls run directly on the Java stack ({@link #callInline}); deeper ones
     * go through the driver, whose loop does not grow the stack.
     */
    static final int MAX_INLINE_DEPTH = 32;

    /**
     * What {@link #callInline} returns, and {@code resume} then returns, when the coroutine called
     * suspended: the driver takes over the chain of frames from the innermost one.
     */
    protected static final Awaitable<?> SUSPENDED_INSIDE = new Awaitable<Object>() {
        @Override
        Object awaitBegin(Task<?> task) {
            throw new IllegalStateException("SUSPENDED_INSIDE is returned by resume, never awaited");
        }

        @Override
        public String toString() {
            return "SUSPENDED_INSIDE";
        }
    };

    /** For subclasses: generated state machines, and operations written by hand. */
    protected CoroutineFrame() {
    }

    /**
     * Runs the coroutine until it suspends or finishes.
     *
     * @param awaited the value of the awaited thing, when resuming after a suspension
     * @param failure the exception to throw at the suspension point, or {@code null}
     * @return the awaitable to wait on, or {@code null} (from {@link #complete(Object)}) when done
     * @throws Throwable whatever the coroutine throws: the frame then fails with it
     */
    protected abstract Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable;

    /**
     * Records the coroutine's result; {@code return complete(value);} ends {@link #resume}.
     *
     * @param result the result
     * @return {@code null}, which tells the runtime the frame is done
     */
    protected final Awaitable<?> complete(T result) {
        value = result;
        return null;
    }

    /**
     * Records an {@code int} result: {@code return completeInt(value);} ends {@link #resume}. A
     * frame that a caller runs with {@link #callInline} leaves it unboxed for
     * {@link #intResult(Object)}; any other frame keeps it boxed, as {@link #complete} does.
     *
     * @param result the result
     * @return {@code null}, which tells the runtime the frame is done
     */
    protected final Awaitable<?> completeInt(int result) {
        if ((status & TYPED_RESULT) != 0) {
            loop.inlineResult = result;
        } else {
            value = result;
        }
        return null;
    }

    /**
     * Records a {@code long} result; see {@link #completeInt(int)}.
     *
     * @param result the result
     * @return {@code null}, which tells the runtime the frame is done
     */
    protected final Awaitable<?> completeLong(long result) {
        if ((status & TYPED_RESULT) != 0) {
            loop.inlineResult = result;
        } else {
            value = result;
        }
        return null;
    }

    /**
     * Records a {@code double} result; see {@link #completeInt(int)}.
     *
     * @param result the result
     * @return {@code null}, which tells the runtime the frame is done
     */
    protected final Awaitable<?> completeDouble(double result) {
        if ((status & TYPED_RESULT) != 0) {
            loop.inlineResult = Double.doubleToRawLongBits(result);
        } else {
            value = result;
        }
        return null;
    }

    /**
     * Records a {@code boolean} result; see {@link #completeInt(int)}.
     *
     * @param result the result
     * @return {@code null}, which tells the runtime the frame is done
     */
    protected final Awaitable<?> completeBoolean(boolean result) {
        if ((status & TYPED_RESULT) != 0) {
            loop.inlineResult = result ? 1 : 0;
        } else {
            value = result;
        }
        return null;
    }

    /**
     * The {@code int} result of a coroutine this frame called: {@code awaited} boxed (from a
     * callee that does not leave it unboxed), or, when that is {@code null}, the callee's unboxed
     * result ({@link #completeInt(int)}).
     *
     * @param awaited what {@link #callInline} returned, or what {@code resume} resumed with
     * @return the result
     */
    protected final int intResult(Object awaited) {
        return awaited == null ? (int) loop.inlineResult : (Integer) awaited;
    }

    /**
     * The {@code long} result of a coroutine this frame called; see {@link #intResult(Object)}.
     *
     * @param awaited what {@link #callInline} returned, or what {@code resume} resumed with
     * @return the result
     */
    protected final long longResult(Object awaited) {
        return awaited == null ? loop.inlineResult : (Long) awaited;
    }

    /**
     * The {@code double} result of a coroutine this frame called; see {@link #intResult(Object)}.
     *
     * @param awaited what {@link #callInline} returned, or what {@code resume} resumed with
     * @return the result
     */
    protected final double doubleResult(Object awaited) {
        return awaited == null ? Double.longBitsToDouble(loop.inlineResult) : (Double) awaited;
    }

    /**
     * The {@code boolean} result of a coroutine this frame called; see {@link #intResult(Object)}.
     *
     * @param awaited what {@link #callInline} returned, or what {@code resume} resumed with
     * @return the result
     */
    protected final boolean booleanResult(Object awaited) {
        return awaited == null ? loop.inlineResult != 0 : (Boolean) awaited;
    }

    /**
     * What {@code await(awaitable)} suspends on.
     *
     * @param awaitable what the coroutine awaits
     * @param <V> its value type
     * @return {@code awaitable}
     */
    protected static <V> Awaitable<V> suspendOn(Awaitable<V> awaitable) {
        if (awaitable == null) {
            throw new NullPointerException("await(null): nothing to await");
        }
        return awaitable;
    }

    /**
     * What {@code await(stage)} suspends on: the stage may complete on any thread.
     *
     * @param stage what the coroutine awaits
     * @param <V> its value type
     * @return an awaitable for the stage's outcome
     */
    protected static <V> Awaitable<V> suspendOn(CompletionStage<V> stage) {
        if (stage == null) {
            throw new NullPointerException("await(null): nothing to await");
        }
        return new StageAwait<>(stage);
    }

    /**
     * The error for a {@code switch (state)} that meets a state it does not know.
     *
     * @param state the state
     * @return the error to throw
     */
    protected static IllegalStateException invalidState(int state) {
        return new IllegalStateException("coroutine resumed in unknown state " + state);
    }

    /**
     * Where this frame's code is in the user's source, for stack traces and task dumps: generated
     * frames return their table; frames written by hand have none.
     *
     * @return the frame's source map, or {@code null}
     */
    protected SourceMap sourceMap() {
        return null;
    }

    /**
     * Runs the coroutine object {@code call}, which a call of a coroutine in this frame's code just
     * created, at once on the Java stack, as a plain call would: generated code calls this with
     * {@code state} already set to where the caller resumes. Returns the callee's result when it
     * finishes without suspending, and throws its exception at the call if it fails. Otherwise
     * (it suspends, or the calls run too deep) returns {@link #SUSPENDED_INSIDE}, which the caller
     * returns: the driver then goes on from the innermost frame, and the caller later resumes
     * with the result as after any suspension.
     *
     * @param call the coroutine object of the call, not started
     * @return the callee's result, or {@link #SUSPENDED_INSIDE}
     * @throws Throwable what the callee threw
     */
    protected final Object callInline(CoroutineFrame<?> call) throws Throwable {
        EventLoop lp = loop;
        int s = call.status;
        if ((s & ~REUSABLE) != NEW || lp.inlineDepth >= MAX_INLINE_DEPTH) {
            return handOver(lp, this, call); // (a fresh object has no flags: anything else is rare)
        }
        call.loop = lp;
        call.link = this;
        call.status = s | INLINE | STARTED | TYPED_RESULT;
        Awaitable<?> command;
        lp.inlineDepth++;
        try {
            command = call.resume(null, null);
        } catch (Throwable thrown) {
            StackTraces.thrownBy(call, (CoroutineFrame<?>) call.hostTask(), thrown);
            call.finishInline(thrown instanceof CancelledException ? CANCELLED : FAILED, thrown);
            throw thrown;
        } finally {
            lp.inlineDepth--;
        }
        if (command == null) {
            // Done. Nothing else refers to the frame: it is dropped, or kept for the next call.
            Object result = call.value;
            if ((s & REUSABLE) != 0 && call.extras == null) {
                call.free(lp);
            }
            return result;
        }
        return command == SUSPENDED_INSIDE ? command : handOver(lp, call, command);
    }

    /**
     * Clears this frame, which just finished a direct call, and leaves it for the next direct
     * call at the same depth.
     */
    private void free(EventLoop lp) {
        value = null;
        link = null;
        state = 0;
        status = REUSABLE;
        clearFields();
        lp.freeFrames[lp.inlineDepth] = this;
    }

    /**
     * For the {@code call} method of a generated frame class {@code type}: a frame of that class
     * that finished a direct call at the depth where {@code caller} runs, cleared, taken out for a
     * new call; or {@code null}, and the method creates one ({@link #reusable}).
     *
     * @param caller the frame making the call
     * @param type the exact class of the frame wanted
     * @param <F> that class
     * @return the frame to reuse, or {@code null}
     */
    @SuppressWarnings("unchecked")
    protected static <F extends CoroutineFrame<?>> F reusedFrame(CoroutineFrame<?> caller, Class<F> type) {
        EventLoop lp = caller.loop;
        CoroutineFrame<?>[] free = lp.freeFrames;
        int depth = lp.inlineDepth;
        CoroutineFrame<?> f = free[depth];
        if (f == null || f.getClass() != type) {
            return null;
        }
        free[depth] = null;
        return (F) f;
    }

    /**
     * Marks a frame that a generated {@code call} method created for a direct call: when that call
     * finishes without suspending, the runtime clears it ({@link #clearFields}) and may hand it to
     * the next direct call of the same coroutine ({@link #reusedFrame}).
     *
     * @param frame a new frame, not started
     * @param <F> its class
     * @return {@code frame}
     */
    protected static <F extends CoroutineFrame<?>> F reusable(F frame) {
        frame.status = REUSABLE;
        return frame;
    }

    /**
     * Drops what a finished frame that is kept for reuse still refers to: generated frames with
     * fields of reference types set them to {@code null}, so that a kept frame holds no garbage.
     */
    protected void clearFields() {
    }

    /** Leaves {@code command}, what {@code frame} awaits, to the driver; see {@link #callInline}. */
    private static Awaitable<?> handOver(EventLoop lp, CoroutineFrame<?> frame, Awaitable<?> command) {
        lp.handedFrame = frame;
        lp.handedCommand = command;
        return SUSPENDED_INSIDE;
    }

    // ------------------------------------------------------------------ the driver

    /** Takes one step of this task: runs its frames until the task suspends or finishes. */
    final void step() {
        int s = status;
        if ((s & MUST_CANCEL) != 0) {
            // asyncio: a pending cancellation replaces whatever outcome the task resumes with.
            setFailure(takeCancelRequest());
            s = status;
        }
        status = (s & ~PHASE) | RUNNING;
        Awaitable<?> waited = waitingOn;
        if (waited != null) {
            waitingOn = null;
            if (!waited.awaitEnd(this)) {
                return; // the awaitable made the task wait again
            }
        }
        Object awaited;
        Throwable failure;
        if ((status & OUTCOME_ERROR) != 0) {
            awaited = null;
            failure = (Throwable) value;
            StackTraces.delivered(waited, this, failure); // (one call: step stays small enough to inline)
        } else {
            awaited = value;
            failure = null;
        }
        value = null;
        status &= ~(OUTCOME_ERROR | WAIT_CANCELLED);
        if ((status & STARTED) == 0) {
            status |= STARTED;
            if (failure != null) {
                // Cancelled before its first step: the body never runs.
                finish(failure instanceof CancelledException ? CANCELLED : FAILED, failure);
                return;
            }
        }
        CoroutineFrame<?> top = link;
        drive(top == null ? this : top, awaited, failure);
    }

    private void drive(CoroutineFrame<?> frame, Object awaited, Throwable failure) {
        CoroutineFrame<?> f = frame;
        Object v = awaited;
        Throwable err = failure;
        for (;;) {
            Awaitable<?> command;
            try {
                command = f.resume(v, err);
            } catch (Throwable thrown) {
                if (thrown != err) {
                    StackTraces.thrownBy(f, this, thrown); // in the user's lines, with the inline callers
                }
                if (f == this) {
                    finish(thrown instanceof CancelledException ? CANCELLED : FAILED, thrown);
                    return;
                }
                CoroutineFrame<?> caller = f.link;
                f.finishInline(thrown instanceof CancelledException ? CANCELLED : FAILED, thrown);
                f = caller;
                v = null;
                err = thrown;
                continue;
            }
            if (command == SUSPENDED_INSIDE) {
                // a chain of direct calls (callInline) stopped: go on from its innermost frame
                EventLoop lp = loop;
                f = lp.handedFrame;
                command = lp.handedCommand;
                lp.handedFrame = null;
                lp.handedCommand = null;
            }
            if (command == null) {
                if (f == this) {
                    if ((status & MUST_CANCEL) != 0) {
                        // asyncio: cancelled right before the coroutine returned.
                        finish(CANCELLED, takeCancelRequest());
                    } else {
                        finish(DONE, value);
                    }
                    return;
                }
                CoroutineFrame<?> caller = f.link;
                v = f.value;
                err = null;
                f.finishInline(DONE, v);
                f = caller;
                continue;
            }
            Object outcome;
            if (command instanceof CoroutineFrame && (((CoroutineFrame<?>) command).status & PHASE) == NEW) {
                outcome = RUN_INLINE;
                value = command;
            } else {
                try {
                    outcome = command.awaitBegin(this);
                } catch (Throwable thrown) {
                    v = null;
                    err = thrown;
                    continue;
                }
            }
            if (outcome == RUN_INLINE) {
                CoroutineFrame<?> child = (CoroutineFrame<?>) value;
                value = null;
                child.loop = loop;
                child.link = f;
                if ((child.status & MUST_CANCEL) != 0) {
                    // Cancelled before it started: it never runs, its caller sees the cancellation.
                    CancelledException cancelled = child.takeCancelRequest();
                    child.finishInline(CANCELLED, cancelled);
                    v = null;
                    err = cancelled;
                    continue;
                }
                child.status = (child.status & ~PHASE) | INLINE | STARTED;
                f = child;
                v = null;
                err = null;
                continue;
            }
            if (outcome != SUSPENDED) {
                v = outcome;
                err = null;
                continue;
            }
            link = f == this ? null : f;
            if ((status & MUST_CANCEL) != 0 && (status & PHASE) == WAITING) {
                String message = extras == null ? null : extras.cancelMessage;
                if (waitingOn.cancelWait(this, message)) {
                    status &= ~MUST_CANCEL;
                    if (extras != null) {
                        extras.cancelMessage = null;
                    }
                }
            }
            return;
        }
    }

    /**
     * Ends a frame that ran inline: its outcome went to its caller, so a failure counts as
     * retrieved; it keeps the outcome for {@link #result()}.
     */
    private void finishInline(int phase, Object outcome) {
        status |= RETRIEVED;
        finish(phase, outcome);
    }
}
