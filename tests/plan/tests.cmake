# Planner cross-check against an independent exact solver: GLPK's glpsol
# (Debian glpk-utils) solves a MIP written from scratch for each random
# instance (binary assignment per employee, epigraph of (h−n)² by secants);
# the planner's objective must match, and its bounds must hold with max_moves.
# Native only (it runs glpsol as a subprocess); skipped when glpsol is missing.
find_program(SEIMBANG_GLPSOL glpsol)
add_executable(plan_glpk_check ${CMAKE_CURRENT_LIST_DIR}/glpk_check.cpp)
target_link_libraries(plan_glpk_check PRIVATE seimbang_core)
target_compile_options(plan_glpk_check PRIVATE -Wall -Wextra)
if(SEIMBANG_GLPSOL)
  add_test(NAME plan_glpk COMMAND plan_glpk_check --glpsol ${SEIMBANG_GLPSOL} --instances 40)
else()
  message(STATUS "glpsol not found: plan_glpk test not registered")
endif()

# The CLI end to end: exit codes, nothing on stdout for bad input, determinism.
add_test(NAME plan_cli COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cli_check.sh $<TARGET_FILE:seimbang>)
