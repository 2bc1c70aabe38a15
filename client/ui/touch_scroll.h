// Scrolling by dragging a finger, with momentum (issue 16: phones and tablets).
// Dear ImGui 1.86 scrolls only with a wheel or the scroll bar; on a touch screen
// people drag the content. Only presses that came from a finger count (the
// platform says so), so a desktop mouse still selects and drags as before.
#pragma once

namespace seimbang::ui {

// The platform: whether the press in progress (or the last one) came from a finger.
void set_touch_input(bool touch);
bool touch_input();

// Once per frame, after ImGui::NewFrame and before any window: a finger dragged
// vertically past the drag threshold scrolls the scrollable window under it
// (the innermost one that can scroll) and cancels the press on the item it
// started on (a drag is not a tap); on release the scroll goes on with the
// finger's speed and slows down (time constant 325 ms, as on phones).
void touch_scroll();

// For tests: whether a drag or its momentum is scrolling now.
bool touch_scrolling();

}  // namespace seimbang::ui
