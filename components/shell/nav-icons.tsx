import {
  Activity,
  Bell,
  Box,
  Boxes,
  ChartLine,
  Container,
  Cylinder,
  Database,
  FileClock,
  FileCode,
  HardDrive,
  House,
  Layers,
  Network,
  PackageOpen,
  Server,
  ServerCog,
  Settings,
  Share2,
  ShieldCheck,
  ShipWheel,
  SlidersHorizontal,
  User,
  Users,
  Workflow,
} from "lucide-react";
import type { NavIcon } from "@/lib/shell-nav";

/** lucide icons for the nav's icon names; decorative (the link text is the name). */
const ICONS: Record<NavIcon, typeof House> = {
  home: House,
  containers: Container,
  stacks: Layers,
  images: PackageOpen,
  networks: Network,
  volumes: HardDrive,
  events: Activity,
  topology: Share2,
  services: Workflow,
  nodes: Server,
  workloads: Boxes,
  pods: Box,
  cluster: ShipWheel,
  config: SlidersHorizontal,
  storage: Cylinder,
  apply: FileCode,
  endpoints: ServerCog,
  users: User,
  teams: Users,
  registries: Database,
  status: ShieldCheck,
  alerts: Bell,
  usage: ChartLine,
  settings: Settings,
  audit: FileClock,
};

export function NavIconView({ name }: { name: NavIcon }) {
  const Icon = ICONS[name];
  return <Icon aria-hidden className="size-4 shrink-0" />;
}
