"""The asyncio package's public names (the parts live in the _asyncio_* modules)."""

from _asyncio_futures import (CancelledError, InvalidStateError, IncompleteReadError,
                              LimitOverrunError, SendfileNotAvailableError, Future, Handle,
                              TimerHandle, isfuture, iscoroutine, iscoroutinefunction,
                              get_running_loop, _get_running_loop)
from _asyncio_loop import (EventLoop, new_event_loop, get_event_loop, set_event_loop,
                           wrap_future)
from _asyncio_tasks import (Task, create_task, current_task, all_tasks, ensure_future, sleep,
                            gather, shield, wait, wait_for, as_completed, timeout, timeout_at,
                            Timeout, to_thread, run_coroutine_threadsafe, FIRST_COMPLETED,
                            FIRST_EXCEPTION, ALL_COMPLETED, _report_unretrieved)
from _asyncio_locks import (Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier,
                            BrokenBarrierError)
from _asyncio_queues import Queue, PriorityQueue, LifoQueue, QueueEmpty, QueueFull

TimeoutError = TimeoutError
AbstractEventLoop = EventLoop
BaseEventLoop = EventLoop
SelectorEventLoop = EventLoop


from _asyncio_runners import Runner, run
from _asyncio_taskgroups import TaskGroup
