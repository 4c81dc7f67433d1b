/*
 * airs/airs.h - the whole public API of airs, the AI-readiness scoring
 * library.  Include this one header.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Layers, in the order data flows through them:
 *   airs/common.h  status codes, allocator, diagnostics, dates
 *   airs/model.h   the workforce model and its add API
 *   airs/load.h    loading a dataset folder of CSV files into a model
 *   airs/params.h  scoring parameters and config files
 *   airs/score.h   per-employee readiness, gap, ADKAR, flags, explanations
 *   airs/rollup.h  unit and organisation aggregates, mergeable, anonymous
 *   airs/export.h  results as JSON and CSV, with provenance
 *   airs/plan.h    learning plans, interventions, budget split, time to target
 *   airs/audit.h   fairness audit: impact ratios across attribute groups
 *   airs/tools.h   adoption and value per AI tool (since 1.1)
 *   airs/compare.h the change between two results (since 1.2)
 *   airs/archive.h snapshots kept without the raw data, compared later
 *                  (since 1.2)
 */
#ifndef AIRS_AIRS_H
#define AIRS_AIRS_H

#include "airs/common.h"
#include "airs/model.h"
#include "airs/load.h"
#include "airs/params.h"
#include "airs/score.h"
#include "airs/rollup.h"
#include "airs/export.h"
#include "airs/plan.h"
#include "airs/audit.h"
#include "airs/drivers.h"
#include "airs/tools.h"
#include "airs/compare.h"
#include "airs/archive.h"

#endif /* AIRS_AIRS_H */
