# Headless UI tests: the real screens drawn by Dear ImGui without GL, driven by
# clicks at the widget locator's coordinates, asserting on app state.
if(TARGET seimbang_ui)
  add_executable(seimbang_ui_tests ${CMAKE_CURRENT_LIST_DIR}/ui_harness.cpp ${CMAKE_CURRENT_LIST_DIR}/test_screens.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_sync.cpp ${CMAKE_CURRENT_LIST_DIR}/test_reachability.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_offline_credential.cpp ${CMAKE_CURRENT_LIST_DIR}/test_truth.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_placement.cpp ${CMAKE_CURRENT_LIST_DIR}/test_requests.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_rekomendasi.cpp ${CMAKE_CURRENT_LIST_DIR}/test_competences.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_impor.cpp  # [impor]
                 ${CMAKE_CURRENT_LIST_DIR}/test_rekomendasi_saved.cpp  # [rekom3]
                 ${CMAKE_CURRENT_LIST_DIR}/test_eval_survey.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_national.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_touch.cpp  # [field2]
                 ${CMAKE_CURRENT_LIST_DIR}/test_training_plan.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/test_plan_worker.cpp)  # [rekom6]
  target_link_libraries(seimbang_ui_tests PRIVATE seimbang_ui seimbang_doctest)
  target_include_directories(seimbang_ui_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR})
  target_compile_definitions(seimbang_ui_tests PRIVATE SEIMBANG_SOURCE_DIR="${CMAKE_SOURCE_DIR}")  # [field2] fixtures
  add_test(NAME ui COMMAND seimbang_ui_tests)
endif()
