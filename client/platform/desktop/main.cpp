// Native desktop build of the same UI (GLFW + OpenGL 3) for development: the
// screens, app state and SQLite store are the ones the browser runs.
//   seimbang-desktop [--db FILE] [--server http://127.0.0.1:8080]
#include <GLFW/glfw3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <httplib.h>

#include "app/app.h"
#include "app/reachability.h"
#include "imgui.h"
#include "io/sheet_wire.h"
#include "plan/wire.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "ui/locator.h"
#include "ui/screens.h"
#include "ui/theme.h"

namespace {

using namespace seimbang;

// HTTP on a worker thread; callbacks are queued and run on the UI thread in
// poll(), which also keeps the connectivity guess (app::Reachability).
class DesktopPlatform final : public app::Platform {
public:
    DesktopPlatform(std::string db, std::string server) : db_(std::move(db)), server_(std::move(server)) {}
    bool online() const override { return !server_.empty() && reach_.online(); }
    void http(const app::HttpRequest& req, app::HttpCallback done) override {
        if (server_.empty()) {
            done({});
            return;
        }
        // The worker captures `this`: it is joined in poll() once finished and in the
        // destructor, so no request thread outlives the platform (it used to be detached).
        auto finished = std::make_shared<std::atomic<bool>>(false);
        workers_.push_back({std::thread([=, this] {
            const std::string &method = req.method, &path = req.path, &body = req.body, &bearer = req.bearer_token;
            httplib::Client cli(server_);
            cli.set_connection_timeout(5);
            httplib::Headers h;
            if (!bearer.empty()) h.emplace("Authorization", "Bearer " + bearer);
            if (!req.device_id.empty()) h.emplace("X-Device-Id", req.device_id);
            auto r = method == "GET" ? cli.Get(path.c_str(), h) : cli.Post(path.c_str(), h, body, "application/json");
            app::HttpResponse resp;
            if (r) {
                resp.status = r->status;
                resp.body = r->body;
            }
            std::lock_guard<std::mutex> lock(mu_);
            done_.emplace_back(std::move(done), std::move(resp));
            finished->store(true);
        }), finished});
    }
    // Synchronous, through the same bytes as the browser's worker (plan/wire.h).
    PlanRequest solve_plan(std::string instance_bytes, PlanCallback done) override {
        done(plan::solve_encoded(instance_bytes));
        return ++plans_;
    }
    // Synchronous, through the same bytes as the browser's XLSX worker (io/sheet_wire.h).
    void read_xlsx(std::string request, SheetCallback done) override { done(io::read_sheet_encoded(request)); }
    PlanRequest plans_ = 0;
    ~DesktopPlatform() override {
        for (auto& w : workers_) w.thread.join();
    }
    void poll() {
        for (auto it = workers_.begin(); it != workers_.end();) {
            if (it->finished->load()) {
                it->thread.join();
                it = workers_.erase(it);
            } else {
                ++it;
            }
        }
        std::deque<std::pair<app::HttpCallback, app::HttpResponse>> ready;
        {
            std::lock_guard<std::mutex> lock(mu_);
            ready.swap(done_);
        }
        for (auto& [cb, r] : ready) {
            reach_.answered(r.status != 0, now_ms());
            cb(r);
        }
        if (!server_.empty() && reach_.probe_due(now_ms())) http({"GET", "/api/v1/health", "", "", ""}, [](const app::HttpResponse&) {});
    }
    double now_ms() const override {
        using namespace std::chrono;
        return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
    }
    long long unix_seconds() const override { return static_cast<long long>(std::time(nullptr)); }
    std::string database_path() const override { return db_; }

private:
    std::string db_, server_;
    app::Reachability reach_;
    std::mutex mu_;
    std::deque<std::pair<app::HttpCallback, app::HttpResponse>> done_;
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> finished;
    };
    std::list<Worker> workers_;  // touched by the UI thread only
};

}  // namespace

int main(int argc, char** argv) {
    std::string db = "seimbang-desktop.db", server;
    for (int i = 1; i + 1 < argc; ++i) {
        if (!std::strcmp(argv[i], "--db")) db = argv[++i];
        else if (!std::strcmp(argv[i], "--server")) server = argv[++i];
    }
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    GLFWwindow* window = glfwCreateWindow(1360, 860, "Seimbang", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "seimbang-desktop: cannot create an OpenGL 3.3 window\n");
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    ImGui::CreateContext();
    ui::locator::enable();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(window, &sx, &sy);
    ui::load_fonts(sx);
    ui::apply_style();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330");

    DesktopPlatform platform(db, server);
    auto local = app::open_store_data(db);
    if (!local) return 1;
    app::App a(platform, std::move(local));

    while (!glfwWindowShouldClose(window)) {
        glfwPollEvents();
        platform.poll();
        ui::locator::begin_frame();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ui::draw_app(a);
        ImGui::Render();
        int w, h;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(0.949f, 0.961f, 0.973f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwTerminate();
    return 0;
}
