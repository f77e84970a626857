# Installs the build into a temporary prefix and checks that every file lands in its usual place.
# Run by CTest with -DBUILD_DIR=... -DPREFIX=...
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE result OUTPUT_QUIET)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cmake --install failed with status ${result}")
endif()
set(expected_files
    bin/gcn-manager
    bin/gcn-manager-tray
    share/man/man1/gcn-manager.1
    lib/systemd/system/gcn-manager.service
    share/doc/gcn-manager/gcn-manager.env.example
    share/applications/gcn-manager-tray.desktop
    share/icons/hicolor/scalable/apps/gcn-manager-tray.svg)
foreach(expected IN LISTS expected_files)
    if(NOT EXISTS "${PREFIX}/${expected}")
        message(FATAL_ERROR "not installed: ${expected}")
    endif()
endforeach()
file(READ "${PREFIX}/lib/systemd/system/gcn-manager.service" unit)
if(NOT unit MATCHES "ExecStart=/[^ ]*/gcn-manager ")
    message(FATAL_ERROR "the unit file's ExecStart has no absolute path to gcn-manager")
endif()
file(READ "${PREFIX}/share/man/man1/gcn-manager.1" page)
if(NOT page MATCHES "mqtt\\\\-host")
    message(FATAL_ERROR "the man page does not list the options")
endif()
message(STATUS "install layout is complete")
